package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.util.Objects;

/**
 * The part of a convention's terms that decides what may be spent and what is owed. These formulas
 * exist once: the aggregate decides with them and the projections report with them.
 *
 * @param mode    advance or reimbursement
 * @param onFund  whether the money is imputed on a State fonds de concours (then credits are opened)
 * @param ceiling the convention's amount
 */
public record Funding(FundingMode mode, boolean onFund, Montant ceiling) {

    public Funding {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ceiling, "ceiling");
    }

    /** What AE are consumed against: the ceiling (reimbursement), AE opened (fund) or receipts. */
    public Montant aeSource(Totals totals) {
        if (mode == FundingMode.REIMBURSEMENT) {
            return ceiling;
        }
        return onFund ? totals.aeOpened() : totals.received();
    }

    /** What CP are consumed against: the ceiling (reimbursement), CP opened (fund) or receipts. */
    public Montant cpSource(Totals totals) {
        if (mode == FundingMode.REIMBURSEMENT) {
            return ceiling;
        }
        return onFund ? totals.cpOpened() : totals.received();
    }

    /**
     * AE still available. For an advance, a restitution is paid out of the credits the money opened
     * (or out of the money itself without a fund): what is given back is no longer available.
     */
    public Montant aeAvailable(Totals totals) {
        return aeSource(totals).minus(totals.aeNet()).minus(returned(totals));
    }

    /** CP still available; a restitution consumes them like a payment, for an advance. */
    public Montant cpAvailable(Totals totals) {
        return cpSource(totals).minus(totals.cpPaid()).minus(returned(totals));
    }

    /** A reimbursement's availability is its ceiling: giving back an overpayment does not lower it. */
    private Montant returned(Totals totals) {
        return mode == FundingMode.ADVANCE ? totals.restituted() : Montant.ZERO;
    }

    /**
     * What the contribution is finally worth (DOMAIN.md rules 8 and 9): once closed, the CP actually
     * paid; once terminated, the commitments actually made (net AE); capped by the ceiling.
     */
    public Montant liquidated(Totals totals, ConventionStatus status) {
        Montant basis = status == ConventionStatus.TERMINATED ? totals.aeNet() : totals.cpPaid();
        return basis.min(ceiling);
    }

    /**
     * Money received beyond what the contribution is worth, not yet returned. Nothing is due back
     * while the convention is active: the money may still be spent.
     */
    public Montant restitutionDue(Totals totals, ConventionStatus status) {
        if (status == ConventionStatus.ACTIVE) {
            return Montant.ZERO;
        }
        return totals.received().minus(liquidated(totals, status)).minus(totals.restituted()).max(Montant.ZERO);
    }

    /**
     * What the contributor still owes: for a reimbursement, min(ceiling, CP paid) - received at any
     * time; for an advance, only once terminated or closed on more than it paid.
     */
    public Montant contributionDue(Totals totals, ConventionStatus status) {
        if (status == ConventionStatus.ACTIVE && mode == FundingMode.ADVANCE) {
            return Montant.ZERO;
        }
        return liquidated(totals, status).minus(totals.received()).max(Montant.ZERO);
    }

    /** Nothing is due in either direction: a closed convention with this is settled. */
    public boolean nothingDue(Totals totals, ConventionStatus status) {
        return restitutionDue(totals, status).isZero() && contributionDue(totals, status).isZero();
    }

    /** The same funding under an avenant's new ceiling. */
    public Funding withCeiling(Montant newCeiling) {
        return new Funding(mode, onFund, newCeiling);
    }
}

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

    public Montant aeAvailable(Totals totals) {
        return aeSource(totals).minus(totals.aeNet());
    }

    public Montant cpAvailable(Totals totals) {
        return cpSource(totals).minus(totals.cpPaid());
    }

    /** Money received and not spent nor returned: what an advance owes back once it is closed. */
    public Montant restitutionDue(Totals totals) {
        Montant kept = mode == FundingMode.REIMBURSEMENT ? totals.cpPaid().min(ceiling) : totals.cpPaid();
        return totals.received().minus(kept).minus(totals.restituted()).max(Montant.ZERO);
    }

    /** What the contributor still owes a reimbursement convention: min(ceiling, CP paid) - received. */
    public Montant contributionDue(Totals totals) {
        if (mode != FundingMode.REIMBURSEMENT) {
            return Montant.ZERO;
        }
        return totals.cpPaid().min(ceiling).minus(totals.received()).max(Montant.ZERO);
    }
}

package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.util.Objects;

/**
 * The part of a convention's terms that decides what may be spent, which credits it opens and
 * cancels, and what is owed. These formulas exist once: the aggregate decides with them and the
 * projections and reports show them (docs/reference/figures.md gives each one).
 *
 * <p>Three notions are kept apart, as a budget controller keeps them apart:
 * <ul>
 *   <li><b>credits</b>: what the convention's money makes spendable on the programme. On a fund,
 *   the AE and CP opened by the arrêtés; without a fund, an advance spends the money received
 *   itself; a reimbursement without a fund has none;</li>
 *   <li><b>consumption</b> of those credits: net AE (committed − released) and CP paid, and nothing
 *   else. A reimbursement's expenses are pre-financed on the programme's own credits, so they are
 *   its <i>pre-financed</i> expenses, not a consumption of the fund's credits;</li>
 *   <li><b>cancellation</b>: a restitution is paid by cancelling (annulation, LOLF art. 14) credits
 *   still opened on the money, or, without a fund, by handing back money that was not spent. It
 *   is never consumption.</li>
 * </ul>
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

    /**
     * AE made spendable by the convention's money: AE opened on a fund, the money received on the
     * schedule without one (an overpayment's excess is never spendable).
     */
    public Montant creditsOpenedAe(Totals totals) {
        if (onFund) {
            return totals.aeOpened();
        }
        return mode == FundingMode.ADVANCE ? totals.receivedPayable() : Montant.ZERO;
    }

    /** CP made spendable by the convention's money, on the same bases as {@link #creditsOpenedAe}. */
    public Montant creditsOpenedCp(Totals totals) {
        if (onFund) {
            return totals.cpOpened();
        }
        return mode == FundingMode.ADVANCE ? totals.receivedPayable() : Montant.ZERO;
    }

    /** AE consumed on the convention's credits: net AE of an advance; a reimbursement's are pre-financed. */
    public Montant creditsConsumedAe(Totals totals) {
        return mode == FundingMode.ADVANCE ? totals.aeNet() : Montant.ZERO;
    }

    /** CP consumed on the convention's credits: CP paid by an advance; a reimbursement's are pre-financed. */
    public Montant creditsConsumedCp(Totals totals) {
        return mode == FundingMode.ADVANCE ? totals.cpPaid() : Montant.ZERO;
    }

    /** A reimbursement's net AE, committed on the programme's own credits before the money arrives. */
    public Montant prefinancedAe(Totals totals) {
        return mode == FundingMode.REIMBURSEMENT ? totals.aeNet() : Montant.ZERO;
    }

    /** A reimbursement's CP paid on the programme's own credits before the money arrives. */
    public Montant prefinancedCp(Totals totals) {
        return mode == FundingMode.REIMBURSEMENT ? totals.cpPaid() : Montant.ZERO;
    }

    /**
     * Credits cancelled to pay restitutions, in AE and in CP alike: every restitution on a fund
     * cancels the credits its money opened; an advance without a fund hands back money it would
     * otherwise have spent. A reimbursement without a fund has no credits to cancel, and the excess
     * of an overpayment, repaid first, was never opened as credits.
     */
    public Montant creditsCancelled(Totals totals) {
        return restitutionCancelsCredits() ? totals.restitutedBeyondOverpaid() : Montant.ZERO;
    }

    /**
     * The most that can be restituted without cancelling credits that are not opened
     * (RESTITUTION_EXCEEDS_CREDITS): the excess of overpayments still held, which cancels nothing,
     * plus the credits remaining, which the rest cancels.
     */
    public Montant restitutionCapacityAe(Totals totals) {
        return creditsRemainingAe(totals).plus(totals.overpaidOutstanding());
    }

    /** The CP side of {@link #restitutionCapacityAe}. */
    public Montant restitutionCapacityCp(Totals totals) {
        return creditsRemainingCp(totals).plus(totals.overpaidOutstanding());
    }

    /** AE still opened on the convention's money: opened − consumed − cancelled. Never negative (rules 2, 3, 10). */
    public Montant creditsRemainingAe(Totals totals) {
        return creditsOpenedAe(totals).minus(creditsConsumedAe(totals)).minus(creditsCancelled(totals));
    }

    /** CP still opened on the convention's money: opened − consumed − cancelled. Never negative (rules 2, 4, 10). */
    public Montant creditsRemainingCp(Totals totals) {
        return creditsOpenedCp(totals).minus(creditsConsumedCp(totals)).minus(creditsCancelled(totals));
    }

    /**
     * AE the convention may still commit (rule 3): the credits remaining for an advance; for a
     * reimbursement, the ceiling less its net AE, since it spends before it receives.
     */
    public Montant aeAvailable(Totals totals) {
        return mode == FundingMode.REIMBURSEMENT ? ceiling.minus(totals.aeNet()) : creditsRemainingAe(totals);
    }

    /** CP the convention may still pay (rule 4), on the same bases as {@link #aeAvailable}. */
    public Montant cpAvailable(Totals totals) {
        return mode == FundingMode.REIMBURSEMENT ? ceiling.minus(totals.cpPaid()) : creditsRemainingCp(totals);
    }

    /** Whether a restitution must cancel credits, and so needs them still opened (RESTITUTION_EXCEEDS_CREDITS). */
    public boolean restitutionCancelsCredits() {
        return onFund || mode == FundingMode.ADVANCE;
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
     * Money received beyond what the contribution is worth, not yet returned. While the convention
     * is active, only an overpayment's excess is due back (at once): the rest may still be spent.
     */
    public Montant restitutionDue(Totals totals, ConventionStatus status) {
        if (status == ConventionStatus.ACTIVE) {
            return totals.overpaidOutstanding();
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

    /**
     * Once closed, the credits still opened on money that is due back: they are cancelled when it
     * is restituted, and nothing is available for spending any longer. For an advance this is all
     * its credits remaining (they never exceed what is due back); for a reimbursement, the credits
     * its contribution opened belong to the programme it pre-financed, except what is due back.
     */
    public Montant aeToCancel(Totals totals, ConventionStatus status) {
        return closed(status) ? creditsRemainingAe(totals).min(dueBackFromCredits(totals, status)).max(Montant.ZERO)
                : Montant.ZERO;
    }

    /** Once closed, the CP still opened on money that is due back; see {@link #aeToCancel}. */
    public Montant cpToCancel(Totals totals, ConventionStatus status) {
        return closed(status) ? creditsRemainingCp(totals).min(dueBackFromCredits(totals, status)).max(Montant.ZERO)
                : Montant.ZERO;
    }

    /** What is due back beyond an overpayment's excess, which opened no credits. */
    private Montant dueBackFromCredits(Totals totals, ConventionStatus status) {
        return restitutionDue(totals, status).minus(totals.overpaidOutstanding());
    }

    /** Nothing is due in either direction: a closed convention with this is settled. */
    public boolean nothingDue(Totals totals, ConventionStatus status) {
        return restitutionDue(totals, status).isZero() && contributionDue(totals, status).isZero();
    }

    /** The same funding under an avenant's new ceiling. */
    public Funding withCeiling(Montant newCeiling) {
        return new Funding(mode, onFund, newCeiling);
    }

    static boolean closed(ConventionStatus status) {
        return status == ConventionStatus.CLOSED || status == ConventionStatus.SETTLED;
    }
}

package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.values.Montant;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The balance of a convention at a business date, with the field names of the API contract.
 * Built by {@link #of} from the sums of the facts dated on or before {@code asOf}, with the
 * formulas of {@link Funding}: consumption is net AE and CP paid only; a restitution shows as
 * credits cancelled ({@code aeCancelled}, {@code cpCancelled}); once the convention is closed
 * nothing is available for spending, and the credits still opened on money due back show as
 * {@code aeToCancel} and {@code cpToCancel}. {@code overpaid} is the part of {@code received} that
 * was above what was payable (an overpayment): due back at once, so in {@code restitutionDue}.
 */
public record Balance(String conventionId, LocalDate asOf, ConventionStatus status, Montant amount,
                      Montant received, Montant overpaid, Montant creditsOpenedAe, Montant creditsOpenedCp, Montant aeCommitted,
                      Montant aeReleased, Montant aeNet, Montant cpPaid, Montant aeAvailable, Montant cpAvailable,
                      Montant restesAPayer, Montant restituted, Montant aeCancelled, Montant cpCancelled,
                      Montant aeToCancel, Montant cpToCancel, Montant restitutionDue, Montant contributionDue,
                      NextTranche nextTranche) {

    /** The next ON_CONSUMPTION tranche whose threshold is not reached yet, and how far consumption is from it. */
    public record NextTranche(int number, Montant threshold, ConsumptionBasis basis, Montant consumed,
                              Montant remaining) {
    }

    public static Balance of(String conventionId, LocalDate asOf, ConventionStatus status, Funding funding,
                             List<Tranche> tranches, Totals totals) {
        boolean closed = Funding.closed(status);
        return new Balance(conventionId, asOf, status, funding.ceiling(), totals.received(), totals.overpaid(),
                totals.aeOpened(),
                totals.cpOpened(), totals.aeCommitted(), totals.aeReleased(), totals.aeNet(), totals.cpPaid(),
                closed ? Montant.ZERO : funding.aeAvailable(totals), closed ? Montant.ZERO : funding.cpAvailable(totals),
                totals.restesAPayer(), totals.restituted(), funding.creditsCancelled(totals),
                funding.creditsCancelled(totals), funding.aeToCancel(totals, status), funding.cpToCancel(totals, status),
                funding.restitutionDue(totals, status), funding.contributionDue(totals, status),
                nextTranche(tranches, totals));
    }

    /** Consumption on a tranche's basis: CP paid, or net AE. */
    public static Montant consumption(ConsumptionBasis basis, Totals totals) {
        return basis == ConsumptionBasis.AE ? totals.aeNet() : totals.cpPaid();
    }

    static NextTranche nextTranche(List<Tranche> tranches, Totals totals) {
        return tranches.stream()
                .filter(t -> t.trigger() == TrancheTrigger.ON_CONSUMPTION)
                .sorted(Comparator.comparingInt(Tranche::number))
                .filter(t -> consumption(t.basis(), totals).isLessThan(t.threshold()))
                .findFirst()
                .map(t -> {
                    Montant consumed = consumption(t.basis(), totals);
                    return new NextTranche(t.number(), t.threshold(), t.basis(), consumed,
                            t.threshold().minus(consumed));
                })
                .orElse(null);
    }
}

package fr.dinum.ledger.projections.funds;

import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.values.Montant;

import java.util.Collection;
import java.util.function.Function;

/** The balance figures of several conventions added up, for a fund or a programme. */
public record BalanceSums(Montant amount, Montant received, Montant overpaid, Montant creditsOpenedAe, Montant creditsOpenedCp,
                          Montant aeCommitted, Montant aeReleased, Montant aeNet, Montant cpPaid, Montant aeAvailable,
                          Montant cpAvailable, Montant restesAPayer, Montant restituted, Montant aeCancelled,
                          Montant cpCancelled, Montant aeToCancel, Montant cpToCancel, Montant restitutionDue,
                          Montant contributionDue) {

    public static BalanceSums of(Collection<Balance> balances) {
        return new BalanceSums(sum(balances, Balance::amount), sum(balances, Balance::received),
                sum(balances, Balance::overpaid),
                sum(balances, Balance::creditsOpenedAe), sum(balances, Balance::creditsOpenedCp),
                sum(balances, Balance::aeCommitted), sum(balances, Balance::aeReleased), sum(balances, Balance::aeNet),
                sum(balances, Balance::cpPaid), sum(balances, Balance::aeAvailable), sum(balances, Balance::cpAvailable),
                sum(balances, Balance::restesAPayer), sum(balances, Balance::restituted),
                sum(balances, Balance::aeCancelled), sum(balances, Balance::cpCancelled),
                sum(balances, Balance::aeToCancel), sum(balances, Balance::cpToCancel),
                sum(balances, Balance::restitutionDue), sum(balances, Balance::contributionDue));
    }

    private static Montant sum(Collection<Balance> balances, Function<Balance, Montant> field) {
        return Montant.sum(balances.stream().map(field).toList());
    }
}

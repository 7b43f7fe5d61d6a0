package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.values.Montant;

import java.util.List;

import static fr.dinum.ledger.domain.convention.RuleViolation.check;

/**
 * The rules on a convention's terms: its period and its payment schedule. They hold at signature
 * and after every avenant, so they are kept apart from the aggregate's handlers.
 */
final class ScheduleRules {

    private ScheduleRules() {
    }

    static void checkTerms(ConventionSigned terms) {
        check(terms.amount().isPositive(), Rule.AMOUNT_NOT_POSITIVE, "amount " + terms.amount() + " is not positive");
        check(terms.effectiveOn() == null || !terms.effectiveOn().isBefore(terms.signedOn()), Rule.PERIOD_INVALID,
                "effectiveOn " + terms.effectiveOn() + " is before signedOn " + terms.signedOn());
        check(terms.endsOn() == null || !terms.endsOn().isBefore(terms.periodStart()), Rule.PERIOD_INVALID,
                "endsOn " + terms.endsOn() + " is before the start of the period " + terms.periodStart());
        checkSchedule(terms.tranches(), terms.amount(), terms.fundingMode());
    }

    static void checkSchedule(List<Tranche> tranches, Montant amount, FundingMode mode) {
        for (int i = 0; i < tranches.size(); i++) {
            check(tranches.get(i).number() == i + 1, Rule.TRANCHE_NUMBERS_NOT_SEQUENTIAL,
                    "tranche at position " + (i + 1) + " is numbered " + tranches.get(i).number());
        }
        check(!tranches.isEmpty(), Rule.TRANCHE_NUMBERS_NOT_SEQUENTIAL, "the schedule has no tranche");
        Montant sum = Montant.sum(tranches.stream().map(Tranche::amount).toList());
        check(sum.equals(amount), Rule.TRANCHES_NOT_EQUAL_TO_AMOUNT,
                "tranches sum to " + sum + ", the convention amount is " + amount);
        for (Tranche tranche : tranches) {
            check(tranche.amount().isPositive(), Rule.AMOUNT_NOT_POSITIVE,
                    "tranche " + tranche.number() + " amount " + tranche.amount() + " is not positive");
            boolean consumption = tranche.trigger() == TrancheTrigger.ON_CONSUMPTION;
            check(consumption ? tranche.threshold() != null && tranche.threshold().isPositive()
                            : tranche.threshold() == null && tranche.basis() == null,
                    Rule.TRANCHE_THRESHOLD_INVALID, "tranche " + tranche.number() + " (" + tranche.trigger()
                            + ") threshold " + tranche.threshold() + ", basis " + tranche.basis());
            check(mode != FundingMode.REIMBURSEMENT || tranche.trigger() == TrancheTrigger.ON_CLOSING,
                    Rule.REIMBURSEMENT_TRANCHES_INVALID,
                    "tranche " + tranche.number() + " of a reimbursement convention is " + tranche.trigger());
            // An advance spends only what it received: nothing can be left to call at closing.
            check(mode != FundingMode.ADVANCE || tranche.trigger() != TrancheTrigger.ON_CLOSING,
                    Rule.ADVANCE_TRANCHES_INVALID,
                    "tranche " + tranche.number() + " of an advance convention is ON_CLOSING");
        }
    }
}

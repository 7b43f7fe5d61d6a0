package fr.dinum.ledger.domain.convention;

/**
 * What a command handler answers: whether it recorded something new ({@code false} for an exact
 * retry of a command already recorded), the convention's balance right after it, and the number of
 * the ERDA it issued or found, if it concerns one (IssueErda, SignErda, CallForFunds, a closure).
 */
public record CommandOutcome(boolean recorded, Balance balance, Integer erdaNumber) {

    public CommandOutcome(boolean recorded, Balance balance) {
        this(recorded, balance, null);
    }
}

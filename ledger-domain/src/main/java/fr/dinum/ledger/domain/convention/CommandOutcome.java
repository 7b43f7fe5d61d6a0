package fr.dinum.ledger.domain.convention;

/**
 * What a command handler answers: whether it recorded something new ({@code false} for an exact
 * retry of a command already recorded) and the convention's balance right after it.
 */
public record CommandOutcome(boolean recorded, Balance balance) {
}

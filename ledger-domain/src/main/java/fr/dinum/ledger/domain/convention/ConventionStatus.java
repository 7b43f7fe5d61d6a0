package fr.dinum.ledger.domain.convention;

/** Where a convention stands in its life. */
public enum ConventionStatus {
    ACTIVE,
    TERMINATED,
    CLOSED,
    /** Closed, and nothing is due any longer in either direction. */
    SETTLED
}

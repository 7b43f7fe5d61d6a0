package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.values.Montant;

import java.util.Objects;

/** One engagement juridique as the aggregate follows it: what was committed, released and paid on it. */
final class Commitment {

    private final AeCommitted committed;
    private Montant released = Montant.ZERO;
    private Montant paid = Montant.ZERO;

    Commitment(AeCommitted committed) {
        this.committed = committed;
    }

    AeCommitted committed() {
        return committed;
    }

    void release(Montant amount) {
        released = released.plus(amount);
    }

    void pay(Montant amount) {
        paid = paid.plus(amount);
    }

    /** Net AE not yet paid: what a payment may still consume and a release may still free. */
    Montant unpaid() {
        return committed.amount().minus(released).minus(paid);
    }

    // Value equality lets Axon's test fixture check that replaying the events rebuilds the same state.
    @Override
    public boolean equals(Object other) {
        return other instanceof Commitment that && committed.equals(that.committed) && released.equals(that.released)
                && paid.equals(that.paid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(committed, released, paid);
    }
}

package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.values.Montant;

import java.util.Objects;

/**
 * The cumulative amounts of a convention's money movements. Everything a balance shows is derived
 * from these eight sums and the convention's terms, by the aggregate as by the projections.
 *
 * @param received all the money received, an overpayment's excess included
 * @param overpaid the part of {@code received} that was above what was payable when it arrived
 *                 ({@code overpayment: true}): due back at once, never opened as credits
 */
public record Totals(Montant received, Montant aeOpened, Montant cpOpened, Montant aeCommitted,
                     Montant aeReleased, Montant cpPaid, Montant restituted, Montant overpaid) {

    public static final Totals ZERO = new Totals(Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO,
            Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO);

    public Totals {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(aeOpened, "aeOpened");
        Objects.requireNonNull(cpOpened, "cpOpened");
        Objects.requireNonNull(aeCommitted, "aeCommitted");
        Objects.requireNonNull(aeReleased, "aeReleased");
        Objects.requireNonNull(cpPaid, "cpPaid");
        Objects.requireNonNull(restituted, "restituted");
        Objects.requireNonNull(overpaid, "overpaid");
    }

    /** AE committed less AE released: what the EJs still hold. */
    public Montant aeNet() {
        return aeCommitted.minus(aeReleased);
    }

    /** AE committed and not yet paid. */
    public Montant restesAPayer() {
        return aeNet().minus(cpPaid);
    }

    /** The money received on the schedule: what was payable when it arrived, the excess left out. */
    public Montant receivedPayable() {
        return received.minus(overpaid);
    }

    /**
     * The excess of overpayments not yet given back. Restitutions repay it first: it was never
     * opened as credits, so giving it back cancels none.
     */
    public Montant overpaidOutstanding() {
        return overpaid.minus(restituted).max(Montant.ZERO);
    }

    /** Restitutions beyond the overpayments' excess: the money given back that had opened credits. */
    public Montant restitutedBeyondOverpaid() {
        return restituted.minus(overpaid).max(Montant.ZERO);
    }

    public Totals plus(Totals other) {
        return new Totals(received.plus(other.received), aeOpened.plus(other.aeOpened), cpOpened.plus(other.cpOpened),
                aeCommitted.plus(other.aeCommitted), aeReleased.plus(other.aeReleased), cpPaid.plus(other.cpPaid),
                restituted.plus(other.restituted), overpaid.plus(other.overpaid));
    }

    /** The movements between two dates: the totals at the later one less those at the earlier one. */
    public Totals minus(Totals earlier) {
        return new Totals(received.minus(earlier.received), aeOpened.minus(earlier.aeOpened),
                cpOpened.minus(earlier.cpOpened), aeCommitted.minus(earlier.aeCommitted),
                aeReleased.minus(earlier.aeReleased), cpPaid.minus(earlier.cpPaid), restituted.minus(earlier.restituted),
                overpaid.minus(earlier.overpaid));
    }

    static Totals ofReceived(Montant amount, Montant excess) {
        return new Totals(amount, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO,
                excess);
    }

    static Totals ofOpened(Montant ae, Montant cp) {
        return new Totals(Montant.ZERO, ae, cp, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO);
    }

    static Totals ofCommitted(Montant amount) {
        return new Totals(Montant.ZERO, Montant.ZERO, Montant.ZERO, amount, Montant.ZERO, Montant.ZERO, Montant.ZERO,
                Montant.ZERO);
    }

    static Totals ofReleased(Montant amount) {
        return new Totals(Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, amount, Montant.ZERO, Montant.ZERO,
                Montant.ZERO);
    }

    static Totals ofPaid(Montant amount) {
        return new Totals(Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, amount, Montant.ZERO,
                Montant.ZERO);
    }

    static Totals ofRestituted(Montant amount) {
        return new Totals(Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, Montant.ZERO, amount,
                Montant.ZERO);
    }
}

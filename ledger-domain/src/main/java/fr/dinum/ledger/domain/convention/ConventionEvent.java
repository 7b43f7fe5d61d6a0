package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.Terms.CoFinancing;
import fr.dinum.ledger.domain.convention.Terms.Contributor;
import fr.dinum.ledger.domain.convention.Terms.Fund;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import fr.dinum.ledger.domain.convention.Terms.Supplier;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.erda.CanonicalFormat;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a convention's life. They are stored forever under these class names: a change of
 * shape takes a new {@code @Revision} and an upcaster, never an edit in place. Who recorded a fact
 * and when travel in the event's metadata and timestamp, not here.
 */
public sealed interface ConventionEvent {

    String conventionId();

    /** The business date of the fact, given by the caller: balances "as of" a date are cut on it. */
    LocalDate businessDate();

    /**
     * The terms as signed. Revision 2 added {@code periodCovers}: revision 1 events are read through
     * an upcaster that gives them {@code COMMITMENTS}, the only period the ledger knew until then.
     */
    @Revision("2")
    record ConventionSigned(String conventionId, String title, Contributor contributor, String beneficiary,
                            Fund fund, Montant amount, FundingMode fundingMode, List<Tranche> tranches,
                            List<CoFinancing> coFinancing, LocalDate signedOn, LocalDate effectiveOn,
                            LocalDate endsOn, PeriodCovers periodCovers) implements ConventionEvent {
        public ConventionSigned {
            tranches = List.copyOf(tranches);
            coFinancing = coFinancing == null ? List.of() : List.copyOf(coFinancing);
            // No default here: an event without it was not upcast, and must not pass for one that says so.
            Objects.requireNonNull(periodCovers, "periodCovers");
        }

        @Override
        public LocalDate businessDate() {
            return signedOn;
        }

        /** The first day of the convention's period: the effective date when given, else the signature. */
        public LocalDate periodStart() {
            return effectiveOn != null ? effectiveOn : signedOn;
        }
    }

    /**
     * Money received on a tranche. {@code excess} is the part of {@code amount} that was above what
     * was payable when it arrived (recorded only when the request said the money really arrived:
     * {@code overpayment: true}); it is due back at once. Revision 1 had no excess: its upcaster
     * gives it 0.00.
     */
    @Revision("2")
    record PaymentReceived(String conventionId, String receiptId, Montant amount, LocalDate receivedOn,
                           int trancheNumber, String reference, Montant excess) implements ConventionEvent {
        public PaymentReceived {
            java.util.Objects.requireNonNull(excess, "excess");
        }

        /** A receipt within what was payable. */
        public PaymentReceived(String conventionId, String receiptId, Montant amount, LocalDate receivedOn,
                               int trancheNumber, String reference) {
            this(conventionId, receiptId, amount, receivedOn, trancheNumber, reference, Montant.ZERO);
        }

        /** The part of the amount that was payable on the tranche. */
        public Montant payable() {
            return amount.minus(excess);
        }

        @Override
        public LocalDate businessDate() {
            return receivedOn;
        }
    }

    @Revision("1")
    record CreditsOpened(String conventionId, String openingId, Montant ae, Montant cp, LocalDate openedOn,
                         String arreteReference) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return openedOn;
        }
    }

    @Revision("1")
    record AeCommitted(String conventionId, EjNumber ejNumber, Montant amount, LocalDate committedOn,
                       Supplier supplier, String object, String marche) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return committedOn;
        }
    }

    @Revision("1")
    record AeReleased(String conventionId, EjNumber ejNumber, String releaseId, Montant amount,
                      LocalDate releasedOn, String reason) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return releasedOn;
        }
    }

    @Revision("1")
    record CpPaid(String conventionId, DpNumber dpNumber, EjNumber ejNumber, Montant amount,
                  LocalDate serviceFaitOn, LocalDate paidOn, String invoiceReference) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return paidOn;
        }
    }

    /**
     * The closure, with the final figures it fixed (DOMAIN.md rule 9), so that the statement of the
     * closure reads the same whatever a later reader recomputes.
     */
    @Revision("1")
    record ConventionClosed(String conventionId, LocalDate closedOn, Montant received, Montant cpPaid,
                            Montant restituted, Montant restitutionDue, Montant contributionDue)
            implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return closedOn;
        }
    }

    @Revision("1")
    record FundsRestituted(String conventionId, String restitutionId, Montant amount, LocalDate restitutedOn,
                           String reference) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return restitutedOn;
        }
    }

    /** Nothing is due any longer in either direction. */
    @Revision("1")
    record ConventionSettled(String conventionId, LocalDate settledOn) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return settledOn;
        }
    }

    /**
     * Consumption on the tranche's basis reached its threshold, on the business date of the fact
     * that crossed it. Recorded once per tranche; an appel de fonds is allowed from then on.
     */
    @Revision("1")
    record TrancheThresholdReached(String conventionId, int trancheNumber, Montant threshold, ConsumptionBasis basis,
                                   Montant consumed, LocalDate reachedOn) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return reachedOn;
        }
    }

    /**
     * A fact keyed late showed that a threshold already recorded as reached was reached earlier in
     * business time: the threshold's date moves back from {@code previouslyReachedOn} to
     * {@code reachedOn}, and an appel de fonds is allowed from then on. The earlier
     * {@link TrancheThresholdReached} stays in the history; this event never moves a date later.
     * {@code consumed} is the consumption on the tranche's basis as of the new date.
     */
    @Revision("1")
    record TrancheThresholdReachedEarlier(String conventionId, int trancheNumber, Montant threshold,
                                          ConsumptionBasis basis, Montant consumed, LocalDate previouslyReachedOn,
                                          LocalDate reachedOn) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return reachedOn;
        }
    }

    /**
     * An appel de fonds: the amount called on the tranche and the figures it was made on (consumption
     * on the tranche's basis, the number and total of the payments as of calledOn) and the number of
     * the ERDA of that date that it carries (issued by the same command, just before it).
     */
    @Revision("1")
    record FundsCalled(String conventionId, String callId, int trancheNumber, Montant amount, LocalDate calledOn,
                       Montant consumed, int paymentCount, Montant totalPaid, int erdaNumber) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return calledOn;
        }
    }

    /** An avenant, with the schedule before and after it so that the history reads both. */
    @Revision("1")
    record ConventionAmended(String conventionId, String amendmentId, LocalDate signedOn, String summary,
                             Schedule before, Schedule after) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return signedOn;
        }
    }

    /**
     * A résiliation, with the figures the contribution was liquidated on (DOMAIN.md rule 8):
     * net AE at termination and the contribution due, min(amount, net AE).
     */
    @Revision("1")
    record ConventionTerminated(String conventionId, LocalDate terminatedOn, String reason, Montant aeNet,
                                Montant contributionLiquidated, Montant received) implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return terminatedOn;
        }
    }

    /**
     * An ERDA frozen under its number: the figures it shows and the SHA-256 of its canonical content
     * ({@code ErdaContent.canonicalText(canonicalFormat)}). Its content is assembled by
     * {@code ErdaBook} from the events recorded before this one, so it can be rebuilt, and checked
     * against the hash under its own format, forever. {@code issuedOn} is the business date of
     * issue (given by the caller, else today; the date of the appel de fonds or of the closure that
     * issued it). Revision 2 added {@code canonicalFormat}; revision 1 events were hashed under
     * {@link CanonicalFormat#V1}, which their upcaster sets.
     */
    @Revision("2")
    record ErdaIssued(String conventionId, int number, LocalDate asOf, boolean finalErda, LocalDate issuedOn,
                      int paymentCount, Montant totalPaid, Montant received, String sha256,
                      CanonicalFormat canonicalFormat) implements ConventionEvent {
        /** The first revision of this event's payload, as stored before the canonical format was recorded. */
        public static final String REVISION_WITHOUT_FORMAT = "1";

        @Override
        public LocalDate businessDate() {
            return issuedOn;
        }
    }

    /** A signature of an issued ERDA, one per role. */
    @Revision("1")
    record ErdaSigned(String conventionId, int number, ErdaRole role, String signer, LocalDate signedOn)
            implements ConventionEvent {
        @Override
        public LocalDate businessDate() {
            return signedOn;
        }
    }
}

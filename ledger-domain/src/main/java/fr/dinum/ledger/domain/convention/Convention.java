package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.AmendConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CallForFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.CloseConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.IssueErda;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignErda;
import fr.dinum.ledger.domain.convention.ConventionCommand.OpenCredits;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReleaseAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.TerminateConvention;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionAmended;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSettled;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionTerminated;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsCalled;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReached;
import fr.dinum.ledger.domain.convention.ConventionEvent.TrancheThresholdReachedEarlier;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.erda.CanonicalFormat;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import static fr.dinum.ledger.domain.convention.RuleViolation.check;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A convention de partenariat and every money movement under it: the consistency boundary of the
 * ledger. Each command handler first recognises a retry (same identifier), then checks the rules
 * of DOMAIN.md that concern it, then records one or more events. State changes only in the event
 * sourcing handlers, so replaying the events rebuilds exactly the state that took the decisions.
 *
 * <p>Today's date comes from the injected {@link Clock}, never from the system, so that every
 * decision can be replayed in a test.
 */
public class Convention {

    @AggregateIdentifier
    private String conventionId;
    private ConventionSigned terms;
    private Schedule schedule;
    private Funding funding;
    private ConventionStatus status;
    private LocalDate terminatedOn;
    private String terminationReason;
    private LocalDate closedOn;
    private LocalDate lastAmendedOn;
    /** The latest business date of any recorded fact: a closure cannot come before it. */
    private LocalDate lastFactOn;
    /** The ceiling (amount) in force from each date: the signature's, then each avenant's. */
    private final TreeMap<LocalDate, Montant> ceilings = new TreeMap<>();
    /** From which date each tranche has its current definition (signature or the avenant that changed it). */
    private final Map<Integer, LocalDate> trancheSince = new HashMap<>();
    private final DatedTotals totals = new DatedTotals();
    private final Map<String, PaymentReceived> receipts = new HashMap<>();
    private final Map<Integer, Montant> receivedByTranche = new HashMap<>();
    private final Map<String, CreditsOpened> openings = new HashMap<>();
    private final Map<EjNumber, Commitment> commitments = new HashMap<>();
    private final Map<String, AeReleased> releases = new HashMap<>();
    private final Map<DpNumber, CpPaid> payments = new HashMap<>();
    private final Map<String, FundsRestituted> restitutions = new HashMap<>();
    private final Map<Integer, LocalDate> thresholdsReached = new HashMap<>();
    private final Map<String, FundsCalled> calls = new HashMap<>();
    private final Map<Integer, FundsCalled> callsByTranche = new HashMap<>();
    private final Map<String, ConventionAmended> amendments = new HashMap<>();
    private final Map<Integer, ErdaIssued> erdas = new HashMap<>();
    private final Map<Integer, Map<ErdaRole, ErdaSigned>> erdaSignatures = new HashMap<>();
    /** The end of the period as the signature and each avenant set it, from their dates on. */
    private final PeriodEnds periodEnds = new PeriodEnds();
    /** The facts the ERDAs show, folded by the one assembler the reports use too. */
    private final ErdaBook erdaBook = new ErdaBook();

    /** Required by Axon to rebuild the aggregate from its events. */
    protected Convention() {
    }

    // ----------------------------------------------------------------------------------------------
    // Signature

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CommandOutcome handle(SignConvention command, Clock clock) {
        ConventionSigned signed = new ConventionSigned(command.conventionId(), command.title(),
                command.contributor(), command.beneficiary(), command.fund(), command.amount(),
                command.fundingMode(), command.tranches(), command.coFinancing(), command.signedOn(),
                command.effectiveOn(), command.endsOn(), command.periodCovers());
        if (terms != null) {
            Differences.of(command.conventionId())
                    .compare("title", terms.title(), signed.title())
                    .compare("contributor", terms.contributor(), signed.contributor())
                    .compare("beneficiary", terms.beneficiary(), signed.beneficiary())
                    .compare("fund", terms.fund(), signed.fund())
                    .compare("amount", terms.amount(), signed.amount())
                    .compare("fundingMode", terms.fundingMode(), signed.fundingMode())
                    .compare("tranches", terms.tranches(), signed.tranches())
                    .compare("coFinancing", terms.coFinancing(), signed.coFinancing())
                    .compare("signedOn", terms.signedOn(), signed.signedOn())
                    .compare("effectiveOn", terms.effectiveOn(), signed.effectiveOn())
                    .compare("endsOn", terms.endsOn(), signed.endsOn())
                    .compare("periodCovers", terms.periodCovers(), signed.periodCovers())
                    .throwIfAny();
            return unchanged(clock);
        }
        ScheduleRules.checkTerms(signed);
        check(!signed.signedOn().isAfter(today(clock)), Rule.BUSINESS_DATE_IN_FUTURE,
                "signedOn " + signed.signedOn() + " is after today " + today(clock));
        apply(signed);
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(ConventionSigned event) {
        erdaBook.apply(event);
        conventionId = event.conventionId();
        terms = event;
        schedule = new Schedule(event.amount(), event.endsOn(), event.tranches());
        funding = new Funding(event.fundingMode(), event.fund() != null, event.amount());
        status = ConventionStatus.ACTIVE;
        ceilings.put(event.signedOn(), event.amount());
        event.tranches().forEach(t -> trancheSince.put(t.number(), event.signedOn()));
        periodEnds.from(event.signedOn(), event.endsOn());
        seen(event.signedOn());
    }

    // ----------------------------------------------------------------------------------------------
    // Receipts (DOMAIN.md rule 1)

    @CommandHandler
    public CommandOutcome handle(ReceivePayment command, Clock clock) {
        PaymentReceived recorded = receipts.get(command.receiptId());
        if (recorded != null) {
            Differences differences = Differences.of(command.receiptId())
                    .compare("amount", recorded.amount(), command.amount())
                    .compare("receivedOn", recorded.receivedOn(), command.receivedOn())
                    .compareIfGiven("trancheNumber", recorded.trancheNumber(), command.trancheNumber())
                    .compare("reference", recorded.reference(), command.reference());
            // A receipt recorded with an excess was sent with overpayment: true; the same receipt
            // without it would have been refused, so it is not the same request.
            if (recorded.excess().isPositive() && !command.overpayment()) {
                differences.compare("overpayment", true, false);
            }
            differences.throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.receivedOn(), "receivedOn", clock);
        // After closure, only an ON_CLOSING tranche is still paid: it is the final contribution.
        boolean closingTranche = command.trancheNumber() == null
                ? schedule.tranches().stream().anyMatch(t -> t.trigger() == TrancheTrigger.ON_CLOSING)
                : trancheNumbered(command.trancheNumber()).trigger() == TrancheTrigger.ON_CLOSING;
        check(closedOn == null || closingTranche, Rule.CONVENTION_CLOSED,
                "convention " + conventionId + " was closed on " + closedOn);
        Montant received = totals.total().receivedPayable();
        check(command.overpayment() || !received.plus(command.amount()).isGreaterThan(schedule.amount()),
                Rule.RECEIPTS_EXCEED_AMOUNT, "received " + received + " + " + command.amount()
                        + " would exceed the convention amount " + schedule.amount()
                        + " (send overpayment: true if the money really arrived)");
        Tranche tranche = command.trancheNumber() != null
                ? trancheNumbered(command.trancheNumber())
                : firstPayableTrancheWithMoneyOutstanding(command.overpayment());
        check(isPayable(tranche), Rule.TRANCHE_NOT_PAYABLE,
                "tranche " + tranche.number() + " (" + tranche.trigger() + ") is not payable before its appel de fonds");
        FundsCalled call = callsByTranche.get(tranche.number());
        check(call == null || !command.receivedOn().isBefore(call.calledOn()), Rule.TRANCHE_NOT_PAYABLE,
                "tranche " + tranche.number() + " was called on " + (call == null ? null : call.calledOn())
                        + ", after receivedOn " + command.receivedOn());
        Montant onTranche = receivedOn(tranche);
        Montant payable = payableOn(tranche);
        check(command.overpayment() || !onTranche.plus(command.amount()).isGreaterThan(payable),
                Rule.RECEIPT_EXCEEDS_TRANCHE, "received on tranche " + tranche.number() + " " + onTranche + " + "
                        + command.amount() + " would exceed the " + payable + " payable on it"
                        + " (send overpayment: true if the money really arrived)");
        // What was payable is the least of what is outstanding on the tranche and under the
        // convention's amount; the rest, recorded only on request, is due back at once.
        Montant due = payable.minus(onTranche).min(schedule.amount().minus(received)).max(Montant.ZERO);
        Montant excess = command.amount().minus(due).max(Montant.ZERO);
        apply(new PaymentReceived(conventionId, command.receiptId(), command.amount(), command.receivedOn(),
                tranche.number(), command.reference(), excess));
        settleIfNothingDue(command.receivedOn());
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(PaymentReceived event) {
        erdaBook.apply(event);
        seen(event.receivedOn());
        receipts.put(event.receiptId(), event);
        receivedByTranche.merge(event.trancheNumber(), event.payable(), Montant::plus);
        totals.add(event.receivedOn(), Totals.ofReceived(event.amount(), event.excess()));
    }

    private Tranche trancheNumbered(int number) {
        return schedule.tranches().stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow(() -> new RuleViolation(Rule.UNKNOWN_TRANCHE,
                        "convention " + conventionId + " has no tranche " + number));
    }

    /**
     * The first payable tranche with money outstanding; for money that really arrived beyond
     * everything payable (overpayment), the last payable tranche, which then records the excess.
     */
    private Tranche firstPayableTrancheWithMoneyOutstanding(boolean overpayment) {
        List<Tranche> payable = schedule.tranches().stream()
                .filter(this::isPayable)
                .filter(t -> closedOn == null || t.trigger() == TrancheTrigger.ON_CLOSING)
                .toList();
        return payable.stream()
                .filter(t -> receivedOn(t).isLessThan(payableOn(t)))
                .findFirst()
                .or(() -> overpayment && !payable.isEmpty() ? java.util.Optional.of(payable.get(payable.size() - 1))
                        : java.util.Optional.empty())
                .orElseThrow(() -> new RuleViolation(Rule.NO_PAYABLE_TRANCHE,
                        "no tranche of convention " + conventionId + " is payable with money outstanding"));
    }

    /** ON_SIGNATURE tranches are payable at once; the others once called, up to the amount called. */
    private boolean isPayable(Tranche tranche) {
        return tranche.trigger() == TrancheTrigger.ON_SIGNATURE || callsByTranche.containsKey(tranche.number());
    }

    private Montant payableOn(Tranche tranche) {
        FundsCalled call = callsByTranche.get(tranche.number());
        return tranche.trigger() == TrancheTrigger.ON_SIGNATURE ? tranche.amount()
                : call == null ? Montant.ZERO : call.amount();
    }

    private Montant receivedOn(Tranche tranche) {
        return receivedByTranche.getOrDefault(tranche.number(), Montant.ZERO);
    }

    // ----------------------------------------------------------------------------------------------
    // Credit openings (DOMAIN.md rule 2)

    @CommandHandler
    public CommandOutcome handle(OpenCredits command, Clock clock) {
        CreditsOpened recorded = openings.get(command.openingId());
        if (recorded != null) {
            Differences.of(command.openingId())
                    .compare("ae", recorded.ae(), command.ae())
                    .compare("cp", recorded.cp(), command.cp())
                    .compare("openedOn", recorded.openedOn(), command.openedOn())
                    .compare("arreteReference", recorded.arreteReference(), command.arreteReference())
                    .throwIfAny();
            return unchanged(clock);
        }
        check(!command.ae().isNegative() && !command.cp().isNegative()
                        && (command.ae().isPositive() || command.cp().isPositive()),
                Rule.AMOUNT_NOT_POSITIVE, "ae and cp are not negative and not both zero");
        // Whether the convention is on a fund never changes: say so before anything that could.
        check(funding.onFund(), Rule.CREDITS_WITHOUT_FUND,
                "convention " + conventionId + " is not imputed on a fonds de concours: no credits are opened");
        checkFactDate(command.openedOn(), "openedOn", clock);
        // Credits may be opened after closure: a reimbursement is paid after closure, and an advance
        // may need its credits opened to pay the restitution of what was received and not opened.
        // Credits are opened on the money received on the schedule: an overpayment's excess is due
        // back, never spendable.
        Montant aeHeadroom = totals.headroomFrom(command.openedOn(), t -> t.receivedPayable().minus(t.aeOpened()));
        check(!command.ae().isGreaterThan(aeHeadroom), Rule.AE_OPENED_EXCEEDS_RECEIVED,
                "AE " + command.ae() + " exceed the " + aeHeadroom + " received and not yet opened from "
                        + command.openedOn());
        Montant cpHeadroom = totals.headroomFrom(command.openedOn(), t -> t.receivedPayable().minus(t.cpOpened()));
        check(!command.cp().isGreaterThan(cpHeadroom), Rule.CP_OPENED_EXCEEDS_RECEIVED,
                "CP " + command.cp() + " exceed the " + cpHeadroom + " received and not yet opened from "
                        + command.openedOn());
        apply(new CreditsOpened(conventionId, command.openingId(), command.ae(), command.cp(), command.openedOn(),
                command.arreteReference()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(CreditsOpened event) {
        erdaBook.apply(event);
        seen(event.openedOn());
        openings.put(event.openingId(), event);
        totals.add(event.openedOn(), Totals.ofOpened(event.ae(), event.cp()));
    }

    // ----------------------------------------------------------------------------------------------
    // Commitments (DOMAIN.md rule 3)

    @CommandHandler
    public CommandOutcome handle(CommitAe command, Clock clock) {
        Commitment recorded = commitments.get(command.ejNumber());
        if (recorded != null) {
            AeCommitted event = recorded.committed();
            Differences.of(command.ejNumber().toString())
                    .compare("amount", event.amount(), command.amount())
                    .compare("committedOn", event.committedOn(), command.committedOn())
                    .compare("supplier", event.supplier(), command.supplier())
                    .compare("object", event.object(), command.object())
                    .compare("marche", event.marche(), command.marche())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.committedOn(), "committedOn", clock);
        checkNotClosed();
        check(terminatedOn == null, Rule.COMMITMENT_AFTER_TERMINATION,
                "convention " + conventionId + " was terminated on " + terminatedOn);
        LocalDate start = terms.periodStart();
        LocalDate end = periodEnds.latestFor(command.committedOn()).orElse(null);
        check(!command.committedOn().isBefore(start) && (end == null || !command.committedOn().isAfter(end)),
                Rule.COMMITMENT_OUTSIDE_PERIOD, "committedOn " + command.committedOn() + " is outside the period "
                        + start + " to " + (end == null ? "(no end)" : end) + " in force from that date on");
        Montant headroom = totals.headroomFrom(command.committedOn(), ceilings.navigableKeySet(),
                (date, t) -> fundingAt(date).aeAvailable(t));
        check(!command.amount().isGreaterThan(headroom), Rule.AE_EXCEEDS_AVAILABLE,
                "AE " + command.amount() + " exceed the " + headroom + " available from " + command.committedOn());
        apply(new AeCommitted(conventionId, command.ejNumber(), command.amount(), command.committedOn(),
                command.supplier(), command.object(), command.marche()));
        recordThresholdsReached();
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(AeCommitted event) {
        erdaBook.apply(event);
        seen(event.committedOn());
        commitments.put(event.ejNumber(), new Commitment(event));
        totals.add(event.committedOn(), Totals.ofCommitted(event.amount()));
    }

    // ----------------------------------------------------------------------------------------------
    // Releases (DOMAIN.md rule 5)

    @CommandHandler
    public CommandOutcome handle(ReleaseAe command, Clock clock) {
        AeReleased recorded = releases.get(command.releaseId());
        if (recorded != null) {
            Differences.of(command.releaseId())
                    .compare("ejNumber", recorded.ejNumber(), command.ejNumber())
                    .compare("amount", recorded.amount(), command.amount())
                    .compare("releasedOn", recorded.releasedOn(), command.releasedOn())
                    .compare("reason", recorded.reason(), command.reason())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.releasedOn(), "releasedOn", clock);
        checkNotClosed();
        Commitment commitment = commitment(command.ejNumber());
        check(!command.releasedOn().isBefore(commitment.committed().committedOn()), Rule.RELEASE_BEFORE_COMMITMENT,
                "releasedOn " + command.releasedOn() + " is before the EJ's commitment on "
                        + commitment.committed().committedOn());
        Montant unpaid = commitment.unpaid();
        check(!command.amount().isGreaterThan(unpaid), Rule.RELEASE_EXCEEDS_UNPAID,
                "release " + command.amount() + " exceeds the " + unpaid + " unpaid on EJ " + command.ejNumber());
        apply(new AeReleased(conventionId, command.ejNumber(), command.releaseId(), command.amount(),
                command.releasedOn(), command.reason()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(AeReleased event) {
        erdaBook.apply(event);
        seen(event.releasedOn());
        releases.put(event.releaseId(), event);
        commitments.get(event.ejNumber()).release(event.amount());
        totals.add(event.releasedOn(), Totals.ofReleased(event.amount()));
    }

    // ----------------------------------------------------------------------------------------------
    // Payments (DOMAIN.md rule 4)

    @CommandHandler
    public CommandOutcome handle(PayCp command, Clock clock) {
        CpPaid recorded = payments.get(command.dpNumber());
        if (recorded != null) {
            Differences.of(command.dpNumber().toString())
                    .compare("ejNumber", recorded.ejNumber(), command.ejNumber())
                    .compare("amount", recorded.amount(), command.amount())
                    .compare("serviceFaitOn", recorded.serviceFaitOn(), command.serviceFaitOn())
                    .compare("paidOn", recorded.paidOn(), command.paidOn())
                    .compare("invoiceReference", recorded.invoiceReference(), command.invoiceReference())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.paidOn(), "paidOn", clock);
        checkNotClosed();
        Commitment commitment = commitment(command.ejNumber());
        LocalDate committedOn = commitment.committed().committedOn();
        check(!committedOn.isAfter(command.serviceFaitOn()) && !command.serviceFaitOn().isAfter(command.paidOn()),
                Rule.PAYMENT_DATES_OUT_OF_ORDER, "dates must be ordered: committedOn " + committedOn
                        + " <= serviceFaitOn " + command.serviceFaitOn() + " <= paidOn " + command.paidOn());
        if (terms.periodCovers().payments()) {
            checkPaymentWithinPeriod(command.serviceFaitOn(), "serviceFaitOn");
            checkPaymentWithinPeriod(command.paidOn(), "paidOn");
        }
        Montant unpaid = commitment.unpaid();
        check(!command.amount().isGreaterThan(unpaid), Rule.CP_EXCEEDS_COMMITMENT,
                "CP " + command.amount() + " exceed the " + unpaid + " of net AE not yet paid on EJ "
                        + command.ejNumber());
        Montant headroom = totals.headroomFrom(command.paidOn(), ceilings.navigableKeySet(),
                (date, t) -> fundingAt(date).cpAvailable(t));
        check(!command.amount().isGreaterThan(headroom), Rule.CP_EXCEEDS_AVAILABLE,
                "CP " + command.amount() + " exceed the " + headroom + " available from " + command.paidOn());
        apply(new CpPaid(conventionId, command.dpNumber(), command.ejNumber(), command.amount(),
                command.serviceFaitOn(), command.paidOn(), command.invoiceReference()));
        recordThresholdsReached();
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(CpPaid event) {
        erdaBook.apply(event);
        seen(event.paidOn());
        payments.put(event.dpNumber(), event);
        commitments.get(event.ejNumber()).pay(event.amount());
        totals.add(event.paidOn(), Totals.ofPaid(event.amount()));
    }

    /**
     * "Engagements, services et paiements jusqu'au…": the service fait and the payment are both
     * dated within the period, each against the end in force from its own date on.
     */
    private void checkPaymentWithinPeriod(LocalDate date, String field) {
        LocalDate start = terms.periodStart();
        LocalDate end = periodEnds.latestFor(date).orElse(null);
        check(!date.isBefore(start) && (end == null || !date.isAfter(end)), Rule.PAYMENT_OUTSIDE_PERIOD,
                field + " " + date + " is outside the period " + start + " to " + (end == null ? "(no end)" : end)
                        + " in force from that date on, which covers services and payments");
    }

    private Commitment commitment(EjNumber ejNumber) {
        Commitment commitment = commitments.get(ejNumber);
        if (commitment == null) {
            throw new RuleViolation(Rule.UNKNOWN_COMMITMENT,
                    "EJ " + ejNumber + " is not a commitment of convention " + conventionId);
        }
        return commitment;
    }

    // ----------------------------------------------------------------------------------------------
    // Closure (DOMAIN.md rule 9)

    @CommandHandler
    public CommandOutcome handle(CloseConvention command, Clock clock) {
        if (closedOn != null) {
            Differences.of(conventionId).compare("closedOn", closedOn, command.closedOn()).throwIfAny();
            return unchanged(clock);
        }
        checkFactDate(command.closedOn(), "closedOn", clock);
        Totals now = totals.total();
        check(now.restesAPayer().isZero(), Rule.CLOSURE_WITH_RESTES_A_PAYER,
                "restes a payer " + now.restesAPayer() + ": pay or release every EJ before closing");
        check(!command.closedOn().isBefore(lastFactOn), Rule.CLOSURE_BEFORE_LAST_FACT,
                "closedOn " + command.closedOn() + " is before the last recorded fact, dated " + lastFactOn);
        Montant restitutionDue = funding.restitutionDue(now, ConventionStatus.CLOSED);
        Montant contributionDue = funding.contributionDue(now, ConventionStatus.CLOSED);
        apply(new ConventionClosed(conventionId, command.closedOn(), now.received(), now.cpPaid(), now.restituted(),
                restitutionDue, contributionDue));
        // The closure produces the final ERDA, cumulative since the start.
        int erda = issueErda(command.closedOn(), true, command.closedOn());
        settleIfNothingDue(command.closedOn());
        return new CommandOutcome(true, balance(clock), erda);
    }

    @EventSourcingHandler
    void on(ConventionClosed event) {
        erdaBook.apply(event);
        seen(event.closedOn());
        closedOn = event.closedOn();
        status = ConventionStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(ConventionSettled event) {
        status = ConventionStatus.SETTLED;
    }

    // ----------------------------------------------------------------------------------------------
    // Restitution (DOMAIN.md rule 10)

    @CommandHandler
    public CommandOutcome handle(RestituteFunds command, Clock clock) {
        FundsRestituted recorded = restitutions.get(command.restitutionId());
        if (recorded != null) {
            Differences.of(command.restitutionId())
                    .compare("amount", recorded.amount(), command.amount())
                    .compare("restitutedOn", recorded.restitutedOn(), command.restitutedOn())
                    .compare("reference", recorded.reference(), command.reference())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.restitutedOn(), "restitutedOn", clock);
        LocalDate settlingSince = closedOn != null ? closedOn : terminatedOn;
        // An overpayment's excess is given back at once, before any closure: it must have been
        // held at every date from restitutedOn on.
        Montant excessHeld = totals.headroomFrom(command.restitutedOn(), Totals::overpaidOutstanding);
        boolean settling = settlingSince != null && !command.restitutedOn().isBefore(settlingSince);
        check(settling || !command.amount().isGreaterThan(excessHeld), Rule.RESTITUTION_BEFORE_CLOSURE,
                settlingSince == null ? "convention " + conventionId + " is neither closed nor terminated, and holds "
                        + excessHeld + " of overpayment from " + command.restitutedOn()
                        : "restitutedOn " + command.restitutedOn() + " is before the closure or termination on "
                        + settlingSince);
        check(terms.contributor().restitutionAccount() != null, Rule.RESTITUTION_ACCOUNT_MISSING,
                "the contributor of " + conventionId + " has no restitution account");
        Montant due = funding.restitutionDue(totals.total(), status);
        check(!command.amount().isGreaterThan(due), Rule.RESTITUTION_EXCEEDS_DUE,
                "restitution " + command.amount() + " exceeds the " + due + " due");
        // A restitution is paid by cancelling the credits the money opened (LOLF art. 14): they must
        // still be opened, at every date from restitutedOn on, in AE and in CP.
        if (funding.restitutionCancelsCredits()) {
            Montant credits = totals.headroomFrom(command.restitutedOn(), funding::restitutionCapacityAe)
                    .min(totals.headroomFrom(command.restitutedOn(), funding::restitutionCapacityCp));
            check(!command.amount().isGreaterThan(credits), Rule.RESTITUTION_EXCEEDS_CREDITS,
                    "restitution " + command.amount() + " exceeds the " + credits
                            + " of AE and CP available to pay it from " + command.restitutedOn());
        }
        apply(new FundsRestituted(conventionId, command.restitutionId(), command.amount(), command.restitutedOn(),
                command.reference()));
        settleIfNothingDue(command.restitutedOn());
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(FundsRestituted event) {
        erdaBook.apply(event);
        seen(event.restitutedOn());
        restitutions.put(event.restitutionId(), event);
        totals.add(event.restitutedOn(), Totals.ofRestituted(event.amount()));
    }

    // ----------------------------------------------------------------------------------------------
    // Thresholds and appels de fonds (DOMAIN.md rules 1 and 6)

    /**
     * Records, in tranche order, every ON_CONSUMPTION threshold that consumption has now reached for
     * the first time. It is dated when it was reached: the first business date at which consumption
     * on the tranche's basis reached the threshold (facts may be keyed out of date order), and not
     * before the threshold was in force (an avenant lowering it is the fact that crosses it). One
     * payment may cross two thresholds: both are recorded, in order.
     *
     * <p>A threshold already recorded as reached is dated again when a fact keyed late shows that it
     * was reached earlier: the move is a new event, so the history keeps both dates. A date never
     * moves later: a release lowers net AE from its own date on, and what was reached stays reached.
     */
    private void recordThresholdsReached() {
        Totals now = totals.total();
        schedule.tranches().stream()
                .filter(t -> t.trigger() == TrancheTrigger.ON_CONSUMPTION)
                .sorted(Comparator.comparingInt(Tranche::number))
                .forEach(t -> {
                    LocalDate recorded = thresholdsReached.get(t.number());
                    if (recorded == null) {
                        if (Balance.consumption(t.basis(), now).isAtLeast(t.threshold())) {
                            LocalDate reachedOn = thresholdReachedOn(t).orElseThrow();
                            apply(new TrancheThresholdReached(conventionId, t.number(), t.threshold(), t.basis(),
                                    Balance.consumption(t.basis(), totals.asOf(reachedOn)), reachedOn));
                        }
                        return;
                    }
                    thresholdReachedOn(t)
                            .filter(reachedOn -> reachedOn.isBefore(recorded))
                            .filter(reachedOn -> Balance.consumption(t.basis(), totals.asOf(reachedOn))
                                    .isAtLeast(t.threshold()))
                            .ifPresent(reachedOn -> apply(new TrancheThresholdReachedEarlier(conventionId, t.number(),
                                    t.threshold(), t.basis(), Balance.consumption(t.basis(), totals.asOf(reachedOn)),
                                    recorded, reachedOn)));
                });
    }

    /**
     * When the tranche's threshold was reached in business time, over every recorded fact: the first
     * date consumption reached it, or the date its definition came into force if that is later.
     */
    private Optional<LocalDate> thresholdReachedOn(Tranche tranche) {
        LocalDate inForce = trancheSince.getOrDefault(tranche.number(), terms.signedOn());
        return totals.firstDateReaching(total -> Balance.consumption(tranche.basis(), total), tranche.threshold())
                .map(crossed -> crossed.isAfter(inForce) ? crossed : inForce);
    }

    @EventSourcingHandler
    void on(TrancheThresholdReached event) {
        seen(event.reachedOn());
        thresholdsReached.put(event.trancheNumber(), event.reachedOn());
    }

    @EventSourcingHandler
    void on(TrancheThresholdReachedEarlier event) {
        seen(event.reachedOn());
        thresholdsReached.put(event.trancheNumber(), event.reachedOn());
    }

    @CommandHandler
    public CommandOutcome handle(CallForFunds command, Clock clock) {
        FundsCalled recorded = calls.get(command.callId());
        if (recorded != null) {
            Differences.of(command.callId())
                    .compare("trancheNumber", recorded.trancheNumber(), command.trancheNumber())
                    .compare("calledOn", recorded.calledOn(), command.calledOn())
                    .throwIfAny();
            return new CommandOutcome(false, balance(clock), recorded.erdaNumber());
        }
        checkFactDate(command.calledOn(), "calledOn", clock);
        Tranche tranche = trancheNumbered(command.trancheNumber());
        FundsCalled earlier = callsByTranche.get(tranche.number());
        check(earlier == null, Rule.TRANCHE_ALREADY_CALLED, "tranche " + tranche.number() + " was already called by "
                + (earlier == null ? null : earlier.callId()));
        Montant amount = switch (tranche.trigger()) {
            case ON_SIGNATURE -> throw new RuleViolation(Rule.TRANCHE_NOT_CALLABLE,
                    "tranche " + tranche.number() + " is payable at signature, without an appel de fonds");
            case ON_CONSUMPTION -> {
                checkNotClosed();
                LocalDate reachedOn = thresholdsReached.get(tranche.number());
                check(reachedOn != null && !command.calledOn().isBefore(reachedOn), Rule.TRANCHE_THRESHOLD_NOT_REACHED,
                        reachedOn == null ? "the threshold " + tranche.threshold() + " of tranche " + tranche.number()
                                + " is not reached: " + Balance.consumption(tranche.basis(), totals.total())
                                + " consumed (" + tranche.basis() + ")"
                                : "the threshold of tranche " + tranche.number() + " was reached on " + reachedOn
                                + ", after calledOn " + command.calledOn());
                yield tranche.amount();
            }
            case ON_CLOSING -> {
                check(closedOn != null && !command.calledOn().isBefore(closedOn), Rule.TRANCHE_NOT_CALLABLE,
                        "tranche " + tranche.number() + " is called after the closure, on or after its date");
                Montant due = funding.contributionDue(totals.total(), status);
                yield tranche.amount().minus(receivedOn(tranche)).min(due);
            }
        };
        check(amount.isPositive(), Rule.NOTHING_TO_CALL, "nothing is due on tranche " + tranche.number());
        Totals asOf = totals.asOf(command.calledOn());
        int paymentCount = (int) payments.values().stream().filter(p -> !p.paidOn().isAfter(command.calledOn())).count();
        ConsumptionBasis basis = tranche.basis() == null ? ConsumptionBasis.CP : tranche.basis();
        // An appel de fonds carries the ERDA of its date: it is issued with it.
        int erda = issueErda(command.calledOn(), false, command.calledOn());
        apply(new FundsCalled(conventionId, command.callId(), tranche.number(), amount, command.calledOn(),
                Balance.consumption(basis, asOf), paymentCount, asOf.cpPaid(), erda));
        return new CommandOutcome(true, balance(clock), erda);
    }

    @EventSourcingHandler
    void on(FundsCalled event) {
        seen(event.calledOn());
        calls.put(event.callId(), event);
        callsByTranche.put(event.trancheNumber(), event);
    }

    // ----------------------------------------------------------------------------------------------
    // Avenants (DOMAIN.md rule 7)

    @CommandHandler
    public CommandOutcome handle(AmendConvention command, Clock clock) {
        ConventionAmended recorded = amendments.get(command.amendmentId());
        if (recorded != null) {
            Differences.of(command.amendmentId())
                    .compare("signedOn", recorded.signedOn(), command.signedOn())
                    .compare("summary", recorded.summary(), command.summary())
                    .compareIfGiven("amount", recorded.after().amount(), command.amount())
                    .compareIfGiven("endsOn", recorded.after().endsOn(), command.endsOn())
                    .compareIfGiven("tranches", recorded.after().tranches(), command.tranches())
                    .throwIfAny();
            return unchanged(clock);
        }
        check(command.amount() != null || command.endsOn() != null || command.tranches() != null, Rule.AMENDMENT_EMPTY,
                "the avenant changes neither the amount, nor the end date, nor the tranches");
        checkFactDate(command.signedOn(), "signedOn", clock);
        checkNotClosed();
        check(lastAmendedOn == null || !command.signedOn().isBefore(lastAmendedOn), Rule.AMENDMENT_OUT_OF_ORDER,
                "signedOn " + command.signedOn() + " is before the previous avenant, signed on " + lastAmendedOn);
        Schedule after = new Schedule(
                Objects.requireNonNullElse(command.amount(), schedule.amount()),
                Objects.requireNonNullElse(command.endsOn(), schedule.endsOn()),
                Objects.requireNonNullElse(command.tranches(), schedule.tranches()));
        // The new amount holds from the avenant's date on: it must cover what is received and
        // committed at every date from then, including facts dated later.
        Montant belowReceived = totals.headroomFrom(command.signedOn(), t -> after.amount().minus(t.receivedPayable()));
        check(!belowReceived.isNegative(), Rule.AMENDMENT_BELOW_RECEIVED,
                "amount " + after.amount() + " is below what is received from " + command.signedOn() + " on");
        Montant belowCommitted = totals.headroomFrom(command.signedOn(), t -> after.amount().minus(t.aeNet()));
        check(!belowCommitted.isNegative(), Rule.AMENDMENT_BELOW_COMMITTED,
                "amount " + after.amount() + " is below the net AE committed from " + command.signedOn() + " on");
        ScheduleRules.checkSchedule(after.tranches(), after.amount(), funding.mode());
        check(after.endsOn() == null || !after.endsOn().isBefore(terms.periodStart()), Rule.PERIOD_INVALID,
                "endsOn " + after.endsOn() + " is before the start of the period " + terms.periodStart());
        LocalDate lastCommitment = lastCommitmentDate();
        check(after.endsOn() == null || lastCommitment == null || !after.endsOn().isBefore(lastCommitment),
                Rule.PERIOD_INVALID, "endsOn " + after.endsOn() + " is before an EJ committed on " + lastCommitment);
        LocalDate lastPayment = terms.periodCovers().payments() ? lastPaymentDate() : null;
        check(after.endsOn() == null || lastPayment == null || !after.endsOn().isBefore(lastPayment),
                Rule.PERIOD_INVALID, "endsOn " + after.endsOn() + " is before a payment made on " + lastPayment
                        + ", and the period covers payments");
        for (Map.Entry<Integer, Montant> received : receivedByTranche.entrySet()) {
            Montant newAmount = after.tranches().stream().filter(t -> t.number() == received.getKey())
                    .map(Tranche::amount).findFirst().orElse(Montant.ZERO);
            check(!newAmount.isLessThan(received.getValue()), Rule.AMENDMENT_TRANCHE_BELOW_RECEIVED,
                    "tranche " + received.getKey() + " would be " + newAmount + ", " + received.getValue()
                            + " were received on it");
        }
        for (Integer called : callsByTranche.keySet()) {
            Tranche before = trancheNumbered(called);
            Tranche kept = after.tranches().stream().filter(t -> t.number() == called).findFirst().orElse(null);
            check(before.equals(kept), Rule.AMENDMENT_CHANGES_CALLED_TRANCHE,
                    "tranche " + called + " was already called: it cannot change");
        }
        apply(new ConventionAmended(conventionId, command.amendmentId(), command.signedOn(), command.summary(),
                schedule, after));
        recordThresholdsReached();
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(ConventionAmended event) {
        erdaBook.apply(event);
        amendments.put(event.amendmentId(), event);
        // A tranche whose trigger, threshold or basis changed is reached again only under its new terms.
        for (Tranche tranche : event.after().tranches()) {
            Tranche before = event.before().tranches().stream().filter(t -> t.number() == tranche.number())
                    .findFirst().orElse(null);
            if (before == null || before.trigger() != tranche.trigger()
                    || !Objects.equals(before.threshold(), tranche.threshold()) || before.basis() != tranche.basis()) {
                thresholdsReached.remove(tranche.number());
                trancheSince.put(tranche.number(), event.signedOn());
            }
        }
        schedule = event.after();
        periodEnds.from(event.signedOn(), event.after().endsOn());
        funding = funding.withCeiling(event.after().amount());
        ceilings.put(event.signedOn(), event.after().amount());
        lastAmendedOn = event.signedOn();
        seen(event.signedOn());
    }

    private LocalDate lastPaymentDate() {
        return payments.values().stream().map(CpPaid::paidOn).max(Comparator.naturalOrder()).orElse(null);
    }

    private LocalDate lastCommitmentDate() {
        return commitments.values().stream().map(c -> c.committed().committedOn())
                .max(Comparator.naturalOrder()).orElse(null);
    }

    // ----------------------------------------------------------------------------------------------
    // Résiliation (DOMAIN.md rule 8)

    @CommandHandler
    public CommandOutcome handle(TerminateConvention command, Clock clock) {
        if (terminatedOn != null) {
            Differences.of(conventionId)
                    .compare("terminatedOn", terminatedOn, command.terminatedOn())
                    .compare("reason", terminationReason, command.reason())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkFactDate(command.terminatedOn(), "terminatedOn", clock);
        checkNotClosed();
        LocalDate lastCommitment = lastCommitmentDate();
        check(lastCommitment == null || !command.terminatedOn().isBefore(lastCommitment),
                Rule.TERMINATION_BEFORE_LAST_COMMITMENT,
                "terminatedOn " + command.terminatedOn() + " is before an EJ committed on " + lastCommitment);
        Totals now = totals.total();
        apply(new ConventionTerminated(conventionId, command.terminatedOn(), command.reason(), now.aeNet(),
                funding.liquidated(now, ConventionStatus.TERMINATED), now.received()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(ConventionTerminated event) {
        erdaBook.apply(event);
        seen(event.terminatedOn());
        terminatedOn = event.terminatedOn();
        terminationReason = event.reason();
        status = ConventionStatus.TERMINATED;
    }

    // ----------------------------------------------------------------------------------------------
    // ERDA: issued (frozen) and signed

    @CommandHandler
    public CommandOutcome handle(IssueErda command, Clock clock) {
        checkFactDate(command.asOf(), "asOf", clock);
        LocalDate issuedOn = command.issuedOn() == null ? today(clock) : command.issuedOn();
        checkFactDate(issuedOn, "issuedOn", clock);
        check(!issuedOn.isBefore(command.asOf()), Rule.ERDA_ISSUED_BEFORE_AS_OF,
                "issuedOn " + issuedOn + " is before asOf " + command.asOf());
        check(!command.finalErda() || (closedOn != null && !command.asOf().isBefore(closedOn)),
                Rule.ERDA_FINAL_BEFORE_CLOSURE, closedOn == null ? "convention " + conventionId + " is not closed"
                        : "asOf " + command.asOf() + " is before the closure on " + closedOn);
        ErdaContent content = erdaContent(command.asOf(), command.finalErda());
        // The same ERDA asked again, with nothing new in it, is the one already issued, whatever the
        // canonical format it was hashed under.
        for (ErdaIssued issued : erdas.values()) {
            if (issued.asOf().equals(command.asOf()) && issued.finalErda() == command.finalErda()
                    && issued.sha256().equals(content.sha256(issued.canonicalFormat()))) {
                return new CommandOutcome(false, balance(clock), issued.number());
            }
        }
        int number = issueErda(command.asOf(), command.finalErda(), issuedOn);
        return new CommandOutcome(true, balance(clock), number);
    }

    /** Freezes the ERDA of {@code asOf} under the next number, in the current canonical format. */
    private int issueErda(LocalDate asOf, boolean finalErda, LocalDate issuedOn) {
        ErdaContent content = erdaContent(asOf, finalErda);
        int number = erdas.size() + 1;
        apply(new ErdaIssued(conventionId, number, asOf, finalErda, issuedOn, content.paymentCount(),
                content.totalPaid(), content.received(), content.sha256(CanonicalFormat.CURRENT),
                CanonicalFormat.CURRENT));
        return number;
    }

    /** The ERDA as of a date, from the facts recorded so far: see {@link ErdaBook#content}. */
    ErdaContent erdaContent(LocalDate asOf, boolean finalErda) {
        return erdaBook.content(asOf, finalErda);
    }

    @EventSourcingHandler
    void on(ErdaIssued event) {
        erdas.put(event.number(), event);
    }

    @CommandHandler
    public CommandOutcome handle(SignErda command, Clock clock) {
        ErdaIssued erda = erdas.get(command.number());
        check(erda != null, Rule.UNKNOWN_ERDA, "convention " + conventionId + " has no ERDA " + command.number());
        ErdaSigned signed = erdaSignatures.getOrDefault(command.number(), Map.of()).get(command.role());
        if (signed != null) {
            boolean retry = signed.signer().equals(command.signer()) && signed.signedOn().equals(command.signedOn());
            check(retry, Rule.ERDA_ALREADY_SIGNED, "ERDA " + command.number() + " was already signed as "
                    + command.role() + " by " + signed.signer() + " on " + signed.signedOn());
            return new CommandOutcome(false, balance(clock), command.number());
        }
        checkFactDate(command.signedOn(), "signedOn", clock);
        check(!command.signedOn().isBefore(erda.issuedOn()), Rule.ERDA_SIGNED_BEFORE_ISSUE,
                "signedOn " + command.signedOn() + " is before the issue of ERDA " + command.number() + " on "
                        + erda.issuedOn());
        apply(new ErdaSigned(conventionId, command.number(), command.role(), command.signer(), command.signedOn()));
        return new CommandOutcome(true, balance(clock), command.number());
    }

    @EventSourcingHandler
    void on(ErdaSigned event) {
        erdaSignatures.computeIfAbsent(event.number(), n -> new HashMap<>()).put(event.role(), event);
    }

    /** The funding with the ceiling in force at a date. */
    private Funding fundingAt(LocalDate date) {
        Map.Entry<LocalDate, Montant> ceiling = ceilings.floorEntry(date);
        return funding.withCeiling(ceiling == null ? ceilings.firstEntry().getValue() : ceiling.getValue());
    }

    private void seen(LocalDate date) {
        if (lastFactOn == null || date.isAfter(lastFactOn)) {
            lastFactOn = date;
        }
    }

    /** A closed convention on which nothing is due any longer is settled, on the date of the last fact. */
    private void settleIfNothingDue(LocalDate on) {
        if (status == ConventionStatus.CLOSED && funding.nothingDue(totals.total(), status)) {
            apply(new ConventionSettled(conventionId, on));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Shared checks and answers

    private void checkPositive(Montant amount, String field) {
        check(amount.isPositive(), Rule.AMOUNT_NOT_POSITIVE, field + " " + amount + " is not greater than zero");
    }

    private void checkFactDate(LocalDate date, String field, Clock clock) {
        LocalDate today = today(clock);
        check(!date.isAfter(today), Rule.BUSINESS_DATE_IN_FUTURE, field + " " + date + " is after today " + today);
        check(!date.isBefore(terms.signedOn()), Rule.BUSINESS_DATE_BEFORE_SIGNATURE,
                field + " " + date + " is before the signature on " + terms.signedOn());
    }

    private void checkNotClosed() {
        check(closedOn == null, Rule.CONVENTION_CLOSED, "convention " + conventionId + " was closed on " + closedOn);
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }

    private Balance balance(Clock clock) {
        return Balance.of(conventionId, today(clock), status, funding, schedule.tranches(), totals.total());
    }

    private CommandOutcome recorded(Clock clock) {
        return new CommandOutcome(true, balance(clock));
    }

    private CommandOutcome unchanged(Clock clock) {
        return new CommandOutcome(false, balance(clock));
    }
}

package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionCommand.CloseConvention;
import fr.dinum.ledger.domain.convention.ConventionCommand.CommitAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.OpenCredits;
import fr.dinum.ledger.domain.convention.ConventionCommand.PayCp;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReleaseAe;
import fr.dinum.ledger.domain.convention.ConventionCommand.RestituteFunds;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignConvention;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSettled;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
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
import java.util.HashMap;
import java.util.Map;

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
    private Funding funding;
    private ConventionStatus status;
    private LocalDate closedOn;
    private final DatedTotals totals = new DatedTotals();
    private final Map<String, PaymentReceived> receipts = new HashMap<>();
    private final Map<Integer, Montant> receivedByTranche = new HashMap<>();
    private final Map<String, CreditsOpened> openings = new HashMap<>();
    private final Map<EjNumber, Commitment> commitments = new HashMap<>();
    private final Map<String, AeReleased> releases = new HashMap<>();
    private final Map<DpNumber, CpPaid> payments = new HashMap<>();
    private final Map<String, FundsRestituted> restitutions = new HashMap<>();

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
                command.effectiveOn(), command.endsOn());
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
        conventionId = event.conventionId();
        terms = event;
        funding = new Funding(event.fundingMode(), event.fund() != null, event.amount());
        status = ConventionStatus.ACTIVE;
    }

    // ----------------------------------------------------------------------------------------------
    // Receipts (DOMAIN.md rule 1)

    @CommandHandler
    public CommandOutcome handle(ReceivePayment command, Clock clock) {
        PaymentReceived recorded = receipts.get(command.receiptId());
        if (recorded != null) {
            Differences.of(command.receiptId())
                    .compare("amount", recorded.amount(), command.amount())
                    .compare("receivedOn", recorded.receivedOn(), command.receivedOn())
                    .compareIfGiven("trancheNumber", recorded.trancheNumber(), command.trancheNumber())
                    .compare("reference", recorded.reference(), command.reference())
                    .throwIfAny();
            return unchanged(clock);
        }
        checkPositive(command.amount(), "amount");
        checkFactDate(command.receivedOn(), "receivedOn", clock);
        checkNotClosed();
        Montant received = totals.total().received();
        check(!received.plus(command.amount()).isGreaterThan(terms.amount()), Rule.RECEIPTS_EXCEED_AMOUNT,
                "received " + received + " + " + command.amount() + " would exceed the convention amount "
                        + terms.amount());
        Tranche tranche = command.trancheNumber() != null
                ? trancheNumbered(command.trancheNumber())
                : firstPayableTrancheWithMoneyOutstanding();
        check(isPayable(tranche), Rule.TRANCHE_NOT_PAYABLE,
                "tranche " + tranche.number() + " (" + tranche.trigger() + ") is not payable yet");
        Montant onTranche = receivedOn(tranche);
        Montant payable = payableOn(tranche);
        check(!onTranche.plus(command.amount()).isGreaterThan(payable), Rule.RECEIPT_EXCEEDS_TRANCHE,
                "received on tranche " + tranche.number() + " " + onTranche + " + " + command.amount()
                        + " would exceed the " + payable + " payable on it");
        apply(new PaymentReceived(conventionId, command.receiptId(), command.amount(), command.receivedOn(),
                tranche.number(), command.reference()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(PaymentReceived event) {
        receipts.put(event.receiptId(), event);
        receivedByTranche.merge(event.trancheNumber(), event.amount(), Montant::plus);
        totals.add(event.receivedOn(), Totals.ofReceived(event.amount()));
    }

    private Tranche trancheNumbered(int number) {
        return terms.tranches().stream().filter(t -> t.number() == number).findFirst()
                .orElseThrow(() -> new RuleViolation(Rule.UNKNOWN_TRANCHE,
                        "convention " + conventionId + " has no tranche " + number));
    }

    private Tranche firstPayableTrancheWithMoneyOutstanding() {
        return terms.tranches().stream()
                .filter(this::isPayable)
                .filter(t -> receivedOn(t).isLessThan(payableOn(t)))
                .findFirst()
                .orElseThrow(() -> new RuleViolation(Rule.NO_PAYABLE_TRANCHE,
                        "no tranche of convention " + conventionId + " is payable with money outstanding"));
    }

    /** ON_SIGNATURE tranches are payable at once; the others wait for their appel de fonds. */
    private boolean isPayable(Tranche tranche) {
        return tranche.trigger() == TrancheTrigger.ON_SIGNATURE;
    }

    private Montant payableOn(Tranche tranche) {
        return tranche.amount();
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
        checkNotClosed();
        Montant aeHeadroom = totals.headroomFrom(command.openedOn(), t -> t.received().minus(t.aeOpened()));
        check(!command.ae().isGreaterThan(aeHeadroom), Rule.AE_OPENED_EXCEEDS_RECEIVED,
                "AE " + command.ae() + " exceed the " + aeHeadroom + " received and not yet opened from "
                        + command.openedOn());
        Montant cpHeadroom = totals.headroomFrom(command.openedOn(), t -> t.received().minus(t.cpOpened()));
        check(!command.cp().isGreaterThan(cpHeadroom), Rule.CP_OPENED_EXCEEDS_RECEIVED,
                "CP " + command.cp() + " exceed the " + cpHeadroom + " received and not yet opened from "
                        + command.openedOn());
        apply(new CreditsOpened(conventionId, command.openingId(), command.ae(), command.cp(), command.openedOn(),
                command.arreteReference()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(CreditsOpened event) {
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
        LocalDate start = terms.periodStart();
        check(!command.committedOn().isBefore(start)
                        && (terms.endsOn() == null || !command.committedOn().isAfter(terms.endsOn())),
                Rule.COMMITMENT_OUTSIDE_PERIOD, "committedOn " + command.committedOn() + " is outside the period "
                        + start + " to " + (terms.endsOn() == null ? "(no end)" : terms.endsOn()));
        Montant headroom = totals.headroomFrom(command.committedOn(), funding::aeAvailable);
        check(!command.amount().isGreaterThan(headroom), Rule.AE_EXCEEDS_AVAILABLE,
                "AE " + command.amount() + " exceed the " + headroom + " available from " + command.committedOn());
        apply(new AeCommitted(conventionId, command.ejNumber(), command.amount(), command.committedOn(),
                command.supplier(), command.object(), command.marche()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(AeCommitted event) {
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
        Montant unpaid = commitment.unpaid();
        check(!command.amount().isGreaterThan(unpaid), Rule.CP_EXCEEDS_COMMITMENT,
                "CP " + command.amount() + " exceed the " + unpaid + " of net AE not yet paid on EJ "
                        + command.ejNumber());
        Montant headroom = totals.headroomFrom(command.paidOn(), funding::cpAvailable);
        check(!command.amount().isGreaterThan(headroom), Rule.CP_EXCEEDS_AVAILABLE,
                "CP " + command.amount() + " exceed the " + headroom + " available from " + command.paidOn());
        apply(new CpPaid(conventionId, command.dpNumber(), command.ejNumber(), command.amount(),
                command.serviceFaitOn(), command.paidOn(), command.invoiceReference()));
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(CpPaid event) {
        payments.put(event.dpNumber(), event);
        commitments.get(event.ejNumber()).pay(event.amount());
        totals.add(event.paidOn(), Totals.ofPaid(event.amount()));
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
        LocalDate last = totals.lastDate();
        check(last == null || !command.closedOn().isBefore(last), Rule.CLOSURE_BEFORE_LAST_FACT,
                "closedOn " + command.closedOn() + " is before the last recorded fact, dated " + last);
        Montant restitutionDue = funding.restitutionDue(now);
        Montant contributionDue = funding.contributionDue(now);
        apply(new ConventionClosed(conventionId, command.closedOn(), now.received(), now.cpPaid(), now.restituted(),
                restitutionDue, contributionDue));
        if (restitutionDue.isZero() && contributionDue.isZero()) {
            apply(new ConventionSettled(conventionId, command.closedOn()));
        }
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(ConventionClosed event) {
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
        check(closedOn != null && !command.restitutedOn().isBefore(closedOn), Rule.RESTITUTION_BEFORE_CLOSURE,
                closedOn == null ? "convention " + conventionId + " is not closed"
                        : "restitutedOn " + command.restitutedOn() + " is before the closure on " + closedOn);
        check(terms.contributor().restitutionAccount() != null, Rule.RESTITUTION_ACCOUNT_MISSING,
                "the contributor of " + conventionId + " has no restitution account");
        Montant due = funding.restitutionDue(totals.total());
        check(!command.amount().isGreaterThan(due), Rule.RESTITUTION_EXCEEDS_DUE,
                "restitution " + command.amount() + " exceeds the " + due + " due");
        apply(new FundsRestituted(conventionId, command.restitutionId(), command.amount(), command.restitutedOn(),
                command.reference()));
        if (funding.restitutionDue(totals.total()).isZero() && funding.contributionDue(totals.total()).isZero()) {
            apply(new ConventionSettled(conventionId, command.restitutedOn()));
        }
        return recorded(clock);
    }

    @EventSourcingHandler
    void on(FundsRestituted event) {
        restitutions.put(event.restitutionId(), event);
        totals.add(event.restitutedOn(), Totals.ofRestituted(event.amount()));
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
        return Balance.of(conventionId, today(clock), status, funding, terms.tranches(), totals.total());
    }

    private CommandOutcome recorded(Clock clock) {
        return new CommandOutcome(true, balance(clock));
    }

    private CommandOutcome unchanged(Clock clock) {
        return new CommandOutcome(false, balance(clock));
    }
}

package fr.dinum.ledger.domain.convention;

import fr.dinum.ledger.domain.convention.ConventionEvent.AeCommitted;
import fr.dinum.ledger.domain.convention.ConventionEvent.AeReleased;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionAmended;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionClosed;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionTerminated;
import fr.dinum.ledger.domain.convention.ConventionEvent.CpPaid;
import fr.dinum.ledger.domain.convention.ConventionEvent.CreditsOpened;
import fr.dinum.ledger.domain.convention.ConventionEvent.FundsRestituted;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one place where an ERDA's content is assembled: the facts of a convention that its ERDAs
 * show, folded from its events in the order they were recorded. The aggregate keeps one, fed by its
 * event sourcing handlers, and freezes {@link #content} under its SHA-256; the reports build one from
 * the events recorded before an ERDA's own event and get the very same content, so the two cannot
 * drift apart. It lives in this package because it sums the movements with the aggregate's own
 * {@link DatedTotals} and asks {@link Funding} what the contributor owes.
 *
 * <p>Not thread-safe; it is cheap to build from a convention's events.
 */
public final class ErdaBook {

    private ConventionSigned terms;
    private LocalDate endsOn;
    private Funding funding;
    private final TreeMap<LocalDate, Montant> ceilings = new TreeMap<>();
    private LocalDate closedOn;
    private LocalDate terminatedOn;
    private final DatedTotals totals = new DatedTotals();
    private final Map<EjNumber, AeCommitted> commitments = new HashMap<>();
    private final Map<EjNumber, List<AeReleased>> releases = new HashMap<>();
    private final Map<EjNumber, List<CpPaid>> payments = new HashMap<>();

    /**
     * Takes one more event into account, in the order recorded. Events an ERDA does not show (ERDAs
     * themselves, thresholds, appels de fonds) are ignored.
     */
    public void apply(ConventionEvent event) {
        if (event instanceof ConventionSigned signed) {
            terms = signed;
            endsOn = signed.endsOn();
            funding = new Funding(signed.fundingMode(), signed.fund() != null, signed.amount());
            ceilings.put(signed.signedOn(), signed.amount());
        } else if (event instanceof ConventionAmended amended) {
            endsOn = amended.after().endsOn();
            ceilings.put(amended.signedOn(), amended.after().amount());
        } else if (event instanceof PaymentReceived received) {
            totals.add(received.receivedOn(), Totals.ofReceived(received.amount(), received.excess()));
        } else if (event instanceof CreditsOpened opened) {
            totals.add(opened.openedOn(), Totals.ofOpened(opened.ae(), opened.cp()));
        } else if (event instanceof AeCommitted committed) {
            commitments.put(committed.ejNumber(), committed);
            totals.add(committed.committedOn(), Totals.ofCommitted(committed.amount()));
        } else if (event instanceof AeReleased released) {
            releases.computeIfAbsent(released.ejNumber(), ej -> new ArrayList<>()).add(released);
            totals.add(released.releasedOn(), Totals.ofReleased(released.amount()));
        } else if (event instanceof CpPaid paid) {
            payments.computeIfAbsent(paid.ejNumber(), ej -> new ArrayList<>()).add(paid);
            totals.add(paid.paidOn(), Totals.ofPaid(paid.amount()));
        } else if (event instanceof FundsRestituted restituted) {
            totals.add(restituted.restitutedOn(), Totals.ofRestituted(restituted.amount()));
        } else if (event instanceof ConventionClosed closed) {
            closedOn = closed.closedOn();
        } else if (event instanceof ConventionTerminated terminated) {
            terminatedOn = terminated.terminatedOn();
        }
        // Other events (ERDAs themselves, thresholds, appels de fonds, settlement) are not part of an ERDA.
    }

    /** Whether a convention was signed among the events applied. */
    public boolean signed() {
        return terms != null;
    }

    /**
     * The ERDA as of a date: every EJ committed on or before it (by date of commitment, then
     * number) with its AE net of the releases dated on or before it, each followed by its payments
     * dated on or before it (by payment date, then DP number).
     */
    public ErdaContent content(LocalDate asOf, boolean finalErda) {
        Objects.requireNonNull(asOf, "asOf");
        if (terms == null) {
            throw new IllegalStateException("No convention was signed: there is no ERDA to build");
        }
        List<AeCommitted> committed = commitments.values().stream()
                .filter(ej -> !ej.committedOn().isAfter(asOf))
                .sorted(Comparator.comparing(AeCommitted::committedOn).thenComparing(ej -> ej.ejNumber().toString()))
                .toList();
        List<ErdaContent.Commitment> lines = new ArrayList<>(committed.size());
        Montant totalCommitted = Montant.ZERO;
        Montant totalReleased = Montant.ZERO;
        Montant totalPaid = Montant.ZERO;
        for (AeCommitted ej : committed) {
            Montant released = releases.getOrDefault(ej.ejNumber(), List.of()).stream()
                    .filter(r -> !r.releasedOn().isAfter(asOf)).map(AeReleased::amount)
                    .reduce(Montant.ZERO, Montant::plus);
            List<ErdaContent.Payment> paid = payments.getOrDefault(ej.ejNumber(), List.of()).stream()
                    .filter(p -> !p.paidOn().isAfter(asOf))
                    .sorted(Comparator.comparing(CpPaid::paidOn).thenComparing(p -> p.dpNumber().toString()))
                    .map(p -> new ErdaContent.Payment(p.paidOn().getYear(), p.dpNumber().toString(),
                            p.invoiceReference(), p.serviceFaitOn(), p.paidOn(), p.amount()))
                    .toList();
            Montant paidOnEj = paid.stream().map(ErdaContent.Payment::amount).reduce(Montant.ZERO, Montant::plus);
            Montant net = ej.amount().minus(released);
            lines.add(new ErdaContent.Commitment(ej.ejNumber().toString(), ej.supplier().name(),
                    ej.supplier().siret() == null ? null : ej.supplier().siret().toString(), ej.object(),
                    ej.committedOn(), ej.amount(), released, net, paid, paidOnEj, net.minus(paidOnEj)));
            totalCommitted = totalCommitted.plus(ej.amount());
            totalReleased = totalReleased.plus(released);
            totalPaid = totalPaid.plus(paidOnEj);
        }
        Totals asOfTotals = totals.asOf(asOf);
        Montant totalNet = totalCommitted.minus(totalReleased);
        Montant contributionDue = fundingAt(asOf).contributionDue(asOfTotals, statusAt(asOf));
        return new ErdaContent(terms.conventionId(), terms.title(), terms.contributor().name(),
                terms.contributor().siren() == null ? null : terms.contributor().siren().toString(),
                terms.beneficiary(), terms.fund() == null ? null : terms.fund().fundCode(),
                terms.fund() == null ? null : terms.fund().programme(), terms.fund() == null ? null : terms.fund().bop(),
                terms.fundingMode().name(), fundingAt(asOf).ceiling(),
                terms.coFinancing().stream().map(c -> new ErdaContent.CoFunder(c.funder(), c.amount())).toList(),
                terms.periodStart(), endsOn, asOf, finalErda, lines, totalCommitted, totalReleased, totalNet,
                totalPaid, totalNet.minus(totalPaid), asOfTotals.received(), asOfTotals.restituted(),
                asOfTotals.received().minus(totalPaid).minus(asOfTotals.restituted()), contributionDue);
    }

    /** The funding with the ceiling in force at a date (the signature's, then each avenant's). */
    private Funding fundingAt(LocalDate date) {
        Map.Entry<LocalDate, Montant> ceiling = ceilings.floorEntry(date);
        return funding.withCeiling(ceiling == null ? ceilings.firstEntry().getValue() : ceiling.getValue());
    }

    /** Where the convention stood at a date: closed or terminated from the business date of that fact. */
    private ConventionStatus statusAt(LocalDate date) {
        if (closedOn != null && !closedOn.isAfter(date)) {
            return ConventionStatus.CLOSED;
        }
        if (terminatedOn != null && !terminatedOn.isAfter(date)) {
            return ConventionStatus.TERMINATED;
        }
        return ConventionStatus.ACTIVE;
    }
}

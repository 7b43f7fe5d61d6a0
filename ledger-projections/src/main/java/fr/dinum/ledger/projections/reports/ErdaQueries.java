package fr.dinum.ledger.projections.reports;

import fr.dinum.ledger.domain.convention.ConventionEvent;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaSigned;
import fr.dinum.ledger.domain.convention.ErdaBook;
import fr.dinum.ledger.domain.erda.CanonicalFormat;
import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.ErdaDocument.Signature;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ERDAs of a convention. Their content is rebuilt from the convention's events themselves, read
 * from the event store in the order recorded and folded by {@link ErdaBook}, the very code the
 * aggregate froze the ERDA with: an issued ERDA is the fold of the events recorded before its own
 * {@link ErdaIssued} event, checked against the SHA-256 that event recorded, under the canonical
 * format it recorded. No read model can make it drift, and a live ERDA is as fresh as the event
 * store. Only the list of issued ERDAs comes from the read models.
 */
@Component
public class ErdaQueries {

    private static final Logger LOG = LoggerFactory.getLogger(ErdaQueries.class);

    private final EventStore events;
    private final JdbcClient jdbc;

    ErdaQueries(EventStore events, JdbcClient jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** An issued ERDA whose rebuilt content no longer matches its hash: the events were altered. */
    public static class ErdaIntegrityException extends IllegalStateException {
        ErdaIntegrityException(String message) {
            super(message);
        }
    }

    /** The issued ERDAs of a convention, without their lines. */
    public record IssuedErda(int number, LocalDate asOf, boolean finalErda, LocalDate issuedOn, int paymentCount,
                             Montant totalPaid, Montant received, String sha256, List<Signature> signatures) {
    }

    /** The ERDA of a date, computed now from every recorded fact: a draft, not frozen, without a number. */
    public Optional<ErdaDocument> liveErda(String conventionId, LocalDate asOf) {
        ErdaBook book = new ErdaBook();
        events.readEvents(conventionId).forEachRemaining(message -> book.apply(event(message)));
        return book.signed() ? Optional.of(ErdaDocument.live(book.content(asOf, false))) : Optional.empty();
    }

    /**
     * An issued ERDA, as it was issued: the content of the events recorded before its own event,
     * checked against the hash that event recorded, with the signatures recorded since.
     *
     * @throws ErdaIntegrityException if the content no longer hashes to the recorded SHA-256
     */
    public Optional<ErdaDocument> issuedErda(String conventionId, int number) {
        ErdaBook book = new ErdaBook();
        ErdaIssued issued = null;
        ErdaContent content = null;
        List<Signature> signatures = new ArrayList<>(2);
        DomainEventStream stream = events.readEvents(conventionId);
        while (stream.hasNext()) {
            ConventionEvent event = event(stream.next());
            if (issued == null && event instanceof ErdaIssued erda && erda.number() == number) {
                issued = erda;
                content = checkedContent(erda, book);
            } else if (issued == null) {
                book.apply(event);
            } else if (event instanceof ErdaSigned signed && signed.number() == number) {
                signatures.add(new Signature(signed.role().name(), signed.signer(), signed.signedOn()));
            }
        }
        if (issued == null) {
            return Optional.empty();
        }
        // The ordonnateur's block first, then the comptable's, as on paper.
        signatures.sort(Comparator.comparing(Signature::role).reversed());
        return Optional.of(new ErdaDocument(content, number, issued.sha256(), issued.issuedOn(),
                formatOf(issued), signatures));
    }

    /**
     * The one check of an issued ERDA: its content rebuilt from the facts recorded before it must
     * hash, under the canonical format the ERDA was issued in, to the SHA-256 its event recorded.
     * Whoever holds a second record of that hash (a chain of the event store) compares it here.
     *
     * @param issued the ERDA's own event
     * @param book   the fold of the events recorded before it
     * @return the content, verified
     * @throws ErdaIntegrityException if the hashes differ
     */
    public static ErdaContent checkedContent(ErdaIssued issued, ErdaBook book) {
        ErdaContent content = book.content(issued.asOf(), issued.finalErda());
        String rebuilt = content.sha256(formatOf(issued));
        if (!rebuilt.equals(issued.sha256())) {
            LOG.error("ERDA {} of {} rebuilt with hash {} instead of {} ({}): its events were altered",
                    issued.number(), issued.conventionId(), rebuilt, issued.sha256(), formatOf(issued));
            throw new ErdaIntegrityException("ERDA " + issued.number() + " of " + issued.conventionId()
                    + " cannot be rebuilt as issued");
        }
        return content;
    }

    /** The format an ERDA was hashed under; an event read without its upcaster was issued under V1. */
    private static CanonicalFormat formatOf(ErdaIssued issued) {
        return Objects.requireNonNullElse(issued.canonicalFormat(), CanonicalFormat.V1);
    }

    private static ConventionEvent event(DomainEventMessage<?> message) {
        return (ConventionEvent) message.getPayload();
    }

    /** Whether a convention of that identifier is recorded, as the read models know it. */
    public boolean conventionExists(String conventionId) {
        return jdbc.sql("select count(*) from convention_view where convention_id = :id")
                .param("id", conventionId).query(Long.class).single() > 0;
    }

    public List<IssuedErda> issuedErdas(String conventionId) {
        return jdbc.sql("""
                        select number, as_of, final, issued_on, payment_count, total_paid, received, sha256
                        from erda_issued where convention_id = :id order by number""")
                .param("id", conventionId)
                .query((rs, n) -> new IssuedErda(rs.getInt("number"), rs.getObject("as_of", LocalDate.class),
                        rs.getBoolean("final"), rs.getObject("issued_on", LocalDate.class), rs.getInt("payment_count"),
                        Montant.of(rs.getBigDecimal("total_paid")), Montant.of(rs.getBigDecimal("received")),
                        rs.getString("sha256"), List.of()))
                .list().stream()
                .map(e -> new IssuedErda(e.number(), e.asOf(), e.finalErda(), e.issuedOn(), e.paymentCount(),
                        e.totalPaid(), e.received(), e.sha256(), signatures(conventionId, e.number())))
                .toList();
    }

    private List<Signature> signatures(String conventionId, int number) {
        return jdbc.sql("""
                        select role, signer, signed_on from erda_signature
                        where convention_id = :id and number = :number order by role desc""")
                .param("id", conventionId).param("number", number)
                .query((rs, n) -> new Signature(rs.getString("role"), rs.getString("signer"),
                        rs.getObject("signed_on", LocalDate.class)))
                .list();
    }
}

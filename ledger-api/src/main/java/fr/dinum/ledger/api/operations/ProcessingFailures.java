package fr.dinum.ledger.api.operations;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The event on which a processor is stopped (a "poison" event): which event, the error, since when
 * and how many attempts. Kept in {@code projection_failure} so that every instance reports the same
 * failure, whichever one holds the processor's segment. A failure is current while the processor's
 * stored position has not passed its event; nothing is ever skipped, so it stays current until the
 * cause is fixed.
 */
@Component
public class ProcessingFailures {

    /** A processor stopped on an event. Fields of the event are null when the store could not say. */
    public record Failure(String processor, Long globalIndex, String aggregateIdentifier, Long sequenceNumber,
                          String payloadType, String error, Instant firstFailedAt, Instant lastFailedAt,
                          int attempts) {

        /** The event type without its package, a bounded label for metrics. */
        public String eventType() {
            if (payloadType == null) {
                return "";
            }
            return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailures.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ProcessingFailures(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // The processor's own transaction is rolled back: the failure must be kept all the same.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Records that {@code processor} failed on {@code event}; never throws (the error being handled matters more). */
    public void record(String processor, EventMessage<?> event, Throwable error) {
        try {
            Long globalIndex = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
            String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
            String payloadType = null;
            if (globalIndex != null) {
                // The stored row is the authority: the message's payload class may be the very thing that fails.
                var stored = jdbc.sql("select aggregate_identifier, sequence_number, payload_type from domain_event_entry "
                                + "where global_index = :index").param("index", globalIndex)
                        .query((rs, n) -> new Object[]{rs.getString(1), rs.getLong(2), rs.getString(3)}).optional();
                if (stored.isPresent()) {
                    aggregate = (String) stored.get()[0];
                    sequence = (Long) stored.get()[1];
                    payloadType = (String) stored.get()[2];
                }
            }
            String text = describe(error);
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            Long index = globalIndex;
            String aggregateIdentifier = aggregate;
            Long sequenceNumber = sequence;
            String type = payloadType;
            Integer attempts = ownTransaction.execute(status -> jdbc.sql("""
                            insert into projection_failure as f (processor_name, global_index, aggregate_identifier,
                                    sequence_number, payload_type, error, first_failed_at, last_failed_at, attempts)
                            values (:processor, :index, :aggregate, :sequence, :type, :error, :now, :now, 1)
                            on conflict (processor_name) do update set
                                aggregate_identifier = excluded.aggregate_identifier,
                                sequence_number = excluded.sequence_number,
                                payload_type = excluded.payload_type,
                                error = excluded.error,
                                last_failed_at = excluded.last_failed_at,
                                first_failed_at = case when f.global_index is not distinct from excluded.global_index
                                                       then f.first_failed_at else excluded.first_failed_at end,
                                attempts = case when f.global_index is not distinct from excluded.global_index
                                                then f.attempts + 1 else 1 end,
                                global_index = excluded.global_index
                            returning attempts""")
                    .param("processor", processor).param("index", index).param("aggregate", aggregateIdentifier)
                    .param("sequence", sequenceNumber).param("type", type).param("error", text).param("now", now)
                    .query(Integer.class).single());
            if (attempts != null && attempts == 1) {
                LOG.error("Processor {} is stopped on event {} (convention {}, sequence number {}, {}): {}. Nothing is "
                                + "skipped: its read models stay at the last good event and readiness is DOWN until the "
                                + "cause is fixed. See GET /api/admin/projections and docs/operations.md, \"A poison event\".",
                        processor, index, aggregateIdentifier, sequenceNumber, type, text);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record the failure of processor {}: {}", processor, e.toString());
        }
    }

    /**
     * The failure on which {@code processor} is stopped now, if any: the recorded one, unless the
     * processor's lowest stored {@code position} has passed its event since.
     */
    Optional<Failure> current(String processor, long position) {
        return jdbc.sql("select * from projection_failure where processor_name = :processor")
                .param("processor", processor)
                .query((rs, n) -> new Failure(rs.getString("processor_name"), (Long) rs.getObject("global_index"),
                        rs.getString("aggregate_identifier"), (Long) rs.getObject("sequence_number"),
                        rs.getString("payload_type"), rs.getString("error"),
                        rs.getObject("first_failed_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_failed_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                .optional()
                .filter(f -> f.globalIndex() == null || position < f.globalIndex());
    }

    /** Forgets the failure of a processor whose tokens are reset: the replay will meet the event again if it still fails. */
    void forget(String processor) {
        jdbc.sql("delete from projection_failure where processor_name = :processor").param("processor", processor).update();
    }

    /** The exception and its root cause, in words, bounded. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = error.getClass().getName() + ": " + error.getMessage();
        if (root != error) {
            text += " (cause: " + root.getClass().getName() + ": " + root.getMessage() + ")";
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }
}

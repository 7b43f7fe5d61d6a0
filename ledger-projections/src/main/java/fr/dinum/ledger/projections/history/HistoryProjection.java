package fr.dinum.ledger.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.domain.convention.ConventionEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import fr.dinum.ledger.projections.batching.BatchedWrites;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps every event of every convention, with who recorded it, when, and under which correlation
 * id. Its own processor, so that the history keeps up even while another projection is stopped on
 * a failing event, and the other way round.
 */
@Component
@ProcessingGroup("history")
class HistoryProjection {

    static final String RECORDED_BY = "recordedBy";
    static final String CORRELATION_ID = "correlationId";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;

    HistoryProjection(JdbcClient jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(ConventionEvent event, EventMessage<?> message, @SequenceNumber long sequence,
            @Timestamp Instant recordedAt) throws JsonProcessingException {
        writes.insert("""
                        insert into history_entry (event_id, convention_id, sequence_number, type, business_date,
                            recorded_at, recorded_by, correlation_id, fields)
                        values (:eventId, :id, :sequence, :type, :businessDate, :recordedAt, :recordedBy,
                            :correlationId, cast(:fields as jsonb))""",
                new MapSqlParameterSource()
                        .addValue("eventId", message.getIdentifier())
                        .addValue("id", event.conventionId())
                        .addValue("sequence", sequence)
                        .addValue("type", message.getPayloadType().getSimpleName())
                        .addValue("businessDate", event.businessDate())
                        .addValue("recordedAt", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                        .addValue("recordedBy", (String) message.getMetaData().get(RECORDED_BY))
                        .addValue("correlationId", (String) message.getMetaData().get(CORRELATION_ID))
                        .addValue("fields", json.writeValueAsString(event)));
    }

    @ResetHandler
    void reset() {
        writes.flush();
        jdbc.sql("delete from history_entry").update();
    }
}

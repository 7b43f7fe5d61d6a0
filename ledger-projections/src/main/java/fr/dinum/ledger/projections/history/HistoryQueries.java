package fr.dinum.ledger.projections.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads a convention's history, oldest fact first. */
@Component
public class HistoryQueries {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    HistoryQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record HistoryEntry(long sequenceNumber, String type, LocalDate businessDate, Instant recordedAt,
                               String recordedBy, String correlationId, JsonNode fields) {
    }

    public List<HistoryEntry> history(String conventionId) {
        return jdbc.sql("""
                        select sequence_number, type, business_date, recorded_at, recorded_by, correlation_id, fields
                        from history_entry where convention_id = :id order by sequence_number""")
                .param("id", conventionId)
                .query((rs, n) -> new HistoryEntry(rs.getLong("sequence_number"), rs.getString("type"),
                        rs.getObject("business_date", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"),
                        rs.getString("correlation_id"), parse(rs.getString("fields"))))
                .list();
    }

    private JsonNode parse(String fields) {
        try {
            return json.readTree(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Unreadable history fields", e);
        }
    }
}

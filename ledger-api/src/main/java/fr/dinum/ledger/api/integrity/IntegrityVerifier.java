package fr.dinum.ledger.api.integrity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the event chain by calling the database's own verification
 * ({@code ledger_integrity_breaks()}, Flyway V10), the same one the auditor's script runs: the hash
 * is computed in one place only. The events, heads and anchors are read in one repeatable-read,
 * read-only transaction, so appends during the verification are either wholly seen or not at all.
 */
@Component
public class IntegrityVerifier {

    /** A global anchor: the state of the store up to a global index. */
    public record Checkpoint(long globalIndex, long streams, long events, String anchor) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;

    IntegrityVerifier(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writing = new TransactionTemplate(transactions);
    }

    /** Reads every event, re-computes its hash and its links, and names each break. */
    public IntegrityReport verify() {
        return readOnly.execute(status -> {
            // Re-hashing every event takes longer than the statement timeout that keeps requests
            // fast during a database outage (ledger.database.timeouts): lift it for this transaction.
            jdbc.sql("set local statement_timeout = 0").update();
            long events = jdbc.sql("select count(*) from domain_event_entry").query(Long.class).single();
            List<IntegrityReport.Break> breaks = jdbc.sql("""
                            select convention_id, sequence_number, global_index, reason
                              from ledger_integrity_breaks()
                             order by convention_id nulls first, sequence_number, reason""")
                    .query((rs, n) -> new IntegrityReport.Break(rs.getString(1), (Long) rs.getObject(2),
                            (Long) rs.getObject(3), rs.getString(4)))
                    .list();
            return new IntegrityReport(breaks.isEmpty(), events, breaks);
        });
    }

    /**
     * Records a global anchor over the events stored before {@code settledBefore} (so that no open
     * transaction can still add an event below it), unless there is none or it would repeat the
     * latest one. Only called after a verification found the store intact.
     */
    public Optional<Checkpoint> recordCheckpoint(Instant settledBefore, Instant now) {
        return writing.execute(status -> {
            Optional<Long> bound = jdbc.sql("""
                            select max(global_index) from domain_event_entry
                             where time_stamp::timestamptz < :settledBefore""")
                    .param("settledBefore", OffsetDateTime.ofInstant(settledBefore, ZoneOffset.UTC))
                    .query((rs, n) -> (Long) rs.getObject(1)).optional();
            if (bound.isEmpty() || bound.get() == null) {
                return Optional.empty();
            }
            Optional<Long> latest = jdbc.sql("select global_index from integrity_checkpoint order by id desc limit 1")
                    .query(Long.class).optional();
            if (latest.isPresent() && latest.get() >= bound.get()) {
                return Optional.empty();
            }
            return Optional.of(jdbc.sql("""
                            insert into integrity_checkpoint (recorded_at, global_index, streams, events, anchor)
                            select :now, :bound, a.streams, a.events, a.anchor from ledger_integrity_anchor(:bound) a
                            returning global_index, streams, events, anchor""")
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .param("bound", bound.get())
                    .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            HexFormat.of().formatHex(rs.getBytes(4))))
                    .single());
        });
    }
}

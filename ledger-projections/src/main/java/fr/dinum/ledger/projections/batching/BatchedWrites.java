package fr.dinum.ledger.projections.batching;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of a projection, held until the processor commits its batch of events and then sent
 * as JDBC batches (which the driver rewrites into multi-row inserts with
 * {@code reWriteBatchedInserts=true}), in the same transaction as the processor's token. A replay
 * then costs a few statements per hundreds of events instead of several per event.
 *
 * <p>Three kinds of writes keep the order of events where it matters:
 * <ul>
 * <li>{@link #insert}: rows that no other write of the batch touches (an event's own row, keyed by
 * it). They are sent grouped by statement, in the order in which each statement first appeared.</li>
 * <li>{@link #latest}: an update whose last value per key is all that counts (a convention's last
 * sequence). Only the last one per key is sent, after the inserts.</li>
 * <li>{@link #flush}, called by a projection before any other write (an update or delete that an
 * earlier insert of the batch may have to precede): everything held is sent first.</li>
 * </ul>
 * Outside a unit of work (no processor around) every write is sent at once.
 */
@Component
public class BatchedWrites {

    private static final boolean HOLD_UNTIL_COMMIT = false;

    private final NamedParameterJdbcTemplate jdbc;
    private final String resourceKey = BatchedWrites.class.getName() + "@" + System.identityHashCode(this);

    public BatchedWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds an insert of rows that no other write of the batch touches. */
    public void insert(String sql, MapSqlParameterSource parameters) {
        Pending pending = pending();
        if (pending == null) {
            jdbc.update(sql, parameters);
        } else {
            pending.inserts.computeIfAbsent(sql, s -> new ArrayList<>()).add(parameters);
        }
    }

    /** Holds an update of which only the last one per key matters; it is sent after the inserts. */
    public void latest(String sql, String key, MapSqlParameterSource parameters) {
        Pending pending = pending();
        if (pending == null) {
            jdbc.update(sql, parameters);
        } else {
            pending.latest.computeIfAbsent(sql, s -> new LinkedHashMap<>()).put(key, parameters);
        }
    }

    /** Sends every write held so far; a projection calls it before a write it sends itself. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = (Pending) CurrentUnitOfWork.get().root().resources().get(resourceKey);
            if (pending != null) {
                pending.send(jdbc);
            }
        }
    }

    private Pending pending() {
        // Holding writes until the commit is off: a write that fails then fails outside the handler
        // of its event, and a poison event could no longer be named exactly among the hundreds of
        // a processor's batch (issue 10 comes before speed). Every write is sent at once, in its
        // event's handler; the processor still commits hundreds of events per transaction. Turning
        // it back on needs each held row to remember its event (docs/adr/0004-throughput.md).
        if (!HOLD_UNTIL_COMMIT || !CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            Pending created = new Pending();
            // Before the commit, in the processor's transaction: the rows and the token go together.
            unitOfWork.onPrepareCommit(u -> created.send(jdbc));
            return created;
        });
    }

    private static final class Pending {
        private final Map<String, List<SqlParameterSource>> inserts = new LinkedHashMap<>();
        private final Map<String, Map<String, SqlParameterSource>> latest = new LinkedHashMap<>();

        void send(NamedParameterJdbcTemplate jdbc) {
            inserts.forEach((sql, rows) -> jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new)));
            inserts.clear();
            latest.forEach((sql, rows) -> jdbc.batchUpdate(sql, rows.values().toArray(SqlParameterSource[]::new)));
            latest.clear();
        }
    }
}

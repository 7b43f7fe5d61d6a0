package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.LedgerStory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models rebuilt from the event store (through the admin endpoint) give exactly the same
 * answers as before, issued ERDAs included, even after the read models were damaged.
 */
class ReplayTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void projections_rebuilt_from_the_event_store_give_the_same_balances() {
        LedgerStory.record(http());
        awaitProjections();
        Map<String, String> before = readAll();

        // Damage the read models so that only a real rebuild from the events can give the answers back.
        jdbc.update("update ledger_movement set cp_paid = cp_paid + 1 where cp_paid > 0");
        jdbc.update("delete from history_entry where sequence_number = 0");
        assertThat(readAll()).isNotEqualTo(before);

        var replay = http().post("/api/admin/replay", "{}");
        assertThat(replay.status()).isEqualTo(202);
        awaitProjections();
        assertThat(projections.replayStartedAt()).isNotNull();

        assertThat(readAll()).isEqualTo(before);
    }

    private Map<String, String> readAll() {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String path : LedgerStory.READS) {
            var response = http().get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            reads.put(path, response.body().toString());
        }
        return reads;
    }
}

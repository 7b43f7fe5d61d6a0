package fr.dinum.ledger.api.integrity;

import fr.dinum.ledger.api.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that already holds events when the chain arrives (Flyway V10) gets its chain computed
 * once by the migration, exactly as the trigger computes it for new events, and stays intact as new
 * events are appended.
 */
class EventChainMigrationTest {

    /** Events of three streams, inserted in an interleaved global order, as several writers would. */
    private static final String EVENTS = """
            insert into domain_event_entry (global_index, sequence_number, meta_data, payload, aggregate_identifier,
                    event_identifier, payload_revision, payload_type, time_stamp, type)
            select g, s, convert_to('{"recordedBy":"migration-test"}', 'UTF8'),
                   convert_to('{"conventionId":"' || a || '","n":' || s || ',"text":"é€"}', 'UTF8'),
                   a, 'event-' || g, '1', 'fr.dinum.ledger.domain.convention.ConventionEvent$PaymentReceived',
                   '2026-01-01T00:00:0' || (g % 10) || 'Z', 'Convention'
              from (values (1, 'CONV-A', 0), (2, 'CONV-B', 0), (3, 'CONV-A', 1), (4, 'CONV-C', 0),
                           (5, 'CONV-B', 1), (6, 'CONV-A', 2), (7, 'CONV-B', 2), (8, 'CONV-A', 3)) v(g, a, s)""";

    @Test
    void events_stored_before_the_chain_are_chained_by_the_migration_as_the_trigger_would_have() {
        JdbcTemplate before = database("4");
        before.execute(EVENTS);
        before.execute("select setval('domain_event_entry_seq', 8)");

        JdbcTemplate migrated = migrate(before, null);
        JdbcTemplate chainedAtAppend = database(null);
        chainedAtAppend.execute(EVENTS);

        String hashes = "select global_index, previous_hash, event_hash from domain_event_entry order by global_index";
        List<Map<String, Object>> fromMigration = migrated.queryForList(hashes);
        assertThat(fromMigration).hasSize(8).allSatisfy(row -> assertThat(row.get("event_hash")).isNotNull());
        assertThat(fromMigration).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(chainedAtAppend.queryForList(hashes));
        assertThat(migrated.queryForList("select * from ledger_integrity_breaks()")).isEmpty();
        assertThat(migrated.queryForList("select aggregate_identifier, sequence_number, global_index from event_stream_head order by 1"))
                .extracting(row -> row.get("aggregate_identifier") + "/" + row.get("sequence_number") + "/" + row.get("global_index"))
                .containsExactly("CONV-A/3/8", "CONV-B/2/7", "CONV-C/0/4");

        // The next event continues the migrated chain.
        migrated.execute("""
                insert into domain_event_entry (global_index, sequence_number, payload, aggregate_identifier,
                        event_identifier, payload_type, time_stamp)
                values (nextval('domain_event_entry_seq'), 1, convert_to('{}', 'UTF8'), 'CONV-C', 'event-9', 'x',
                        '2026-01-02T00:00:00Z')""");
        assertThat(migrated.queryForList("select * from ledger_integrity_breaks()")).isEmpty();
        assertThat(migrated.queryForObject("""
                select e.previous_hash = p.event_hash from domain_event_entry e
                  join domain_event_entry p on p.aggregate_identifier = e.aggregate_identifier and p.sequence_number = 0
                 where e.event_identifier = 'event-9'""", Boolean.class)).isTrue();
    }

    private static JdbcTemplate database(String target) {
        TestDatabase.Coordinates coordinates = TestDatabase.fresh();
        DriverManagerDataSource source = new DriverManagerDataSource(coordinates.url(), coordinates.username(),
                coordinates.password());
        return migrate(new JdbcTemplate(source), target);
    }

    private static JdbcTemplate migrate(JdbcTemplate jdbc, String target) {
        var configuration = Flyway.configure().dataSource(jdbc.getDataSource()).locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
        return jdbc;
    }
}

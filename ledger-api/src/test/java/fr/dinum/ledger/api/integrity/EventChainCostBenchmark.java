package fr.dinum.ledger.api.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.domain.convention.ConventionCommand.ReceivePayment;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chain costs on appends, measured two ways, with the chain trigger on and off in
 * alternating rounds (the best round of each is the least disturbed by other work on the machine):
 * <ul>
 *   <li>the insert alone: rows shaped like a stored receipt (same payload and metadata sizes)
 *       appended with JDBC, one transaction per event as a command does, on streams of their own;</li>
 *   <li>whole commands: receipts sent through Axon's command gateway, on conventions of their own so
 *       that no command waits for another's lock.</li>
 * </ul>
 * Prints a table; asserts nothing about time. Run it with
 * {@code mvn -pl ledger-api -am test -Dtest=EventChainCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dledger.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "ledger.benchmark", matches = "true")
@TestPropertySource(properties = {"ledger.integrity.first-verification-delay=24h", "spring.datasource.hikari.maximum-pool-size=12"})
class EventChainCostBenchmark extends ApiTestBase {

    static final int THREADS = 8;
    static final int CONVENTIONS = 16;
    static final int COMMANDS_PER_CONVENTION = 20;
    static final int INSERT_STREAMS = 64;
    static final int INSERTS_PER_STREAM = 80;

    @Autowired
    CommandGateway gateway;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void time_inserts_and_commands_with_and_without_the_chain() throws Exception {
        created(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")));
        created(http().post("/api/conventions/CEREMA-2020-FRICHES/receipts", """
                {"receiptId":"MODEL","amount":"1.00","receivedOn":"2020-10-01"}"""));
        var model = jdbc.queryForMap("select payload, meta_data from domain_event_entry where payload_type like '%PaymentReceived'");
        byte[] payload = (byte[]) model.get("payload");
        byte[] metadata = (byte[]) model.get("meta_data");

        List<String> lines = new ArrayList<>();
        // Inside PostgreSQL, where no other work on the machine blurs it: the trigger's own time per
        // event, from EXPLAIN ANALYZE of one statement appending 10 000 events to 100 streams.
        for (int round = 1; round <= 4; round++) {
            lines.add(explained(round % 2 == 0, round, payload, metadata));
        }
        lines.add("");
        inserts("warm-up", true, 0, payload, metadata);
        for (int round = 1; round <= 3; round++) {
            lines.add(inserts("without chain", false, round * 2 - 1, payload, metadata));
            lines.add(inserts("with chain", true, round * 2, payload, metadata));
        }
        lines.add("");
        round("warm-up", true, 0);
        for (int round = 1; round <= 3; round++) {
            lines.add(round("without chain", false, round * 2 - 1));
            lines.add(round("with chain", true, round * 2));
        }
        jdbc.execute("alter table domain_event_entry enable trigger domain_event_entry_chain");
        System.out.println("\n=== Event chain cost (payload " + payload.length + " bytes, metadata " + metadata.length
                + " bytes), " + THREADS + " threads ===");
        System.out.println("First: " + INSERT_STREAMS * INSERTS_PER_STREAM + " event inserts per round (JDBC, one transaction each, "
                + INSERT_STREAMS + " streams). Then: " + CONVENTIONS * COMMANDS_PER_CONVENTION
                + " receipt commands per round (Axon gateway, " + CONVENTIONS + " conventions).");
        lines.forEach(System.out::println);
    }

    private String inserts(String name, boolean chain, int round, byte[] payload, byte[] metadata) throws Exception {
        chain(chain);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < INSERT_STREAMS; s++) {
            String stream = "INSERT-" + round + "-" + s;
            done.add(pool.submit(() -> {
                for (int n = 0; n < INSERTS_PER_STREAM; n++) {
                    jdbc.update("""
                            insert into domain_event_entry (global_index, sequence_number, meta_data, payload,
                                    aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type)
                            values (nextval('domain_event_entry_seq'), ?, ?, ?, ?, ?, '1', 'benchmark.UnknownEvent',
                                    '2026-01-01T00:00:00Z', 'Benchmark')""",
                            n, metadata, payload, stream, stream + "-" + n);
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        int inserts = INSERT_STREAMS * INSERTS_PER_STREAM;
        return String.format("inserts  %-14s %6d in %6d ms: %8.1f events/s", name, inserts, nanos / 1_000_000,
                inserts * 1e9 / nanos);
    }

    private String explained(boolean chain, int round, byte[] payload, byte[] metadata) throws Exception {
        chain(chain);
        String plan = jdbc.queryForObject("""
                explain (analyze, format json)
                insert into domain_event_entry (global_index, sequence_number, meta_data, payload, aggregate_identifier,
                        event_identifier, payload_revision, payload_type, time_stamp, type)
                select nextval('domain_event_entry_seq'), g / 100, ?, ?, 'EXPLAIN-' || ? || '-' || (g % 100),
                       'EXPLAIN-' || ? || '-' || g, '1', 'benchmark.UnknownEvent', '2026-01-01T00:00:00Z', 'Benchmark'
                  from generate_series(0, 9999) g""", String.class, metadata, payload, round, round);
        JsonNode root = new ObjectMapper().readTree(plan).get(0);
        double total = root.get("Execution Time").asDouble();
        double trigger = 0;
        for (JsonNode t : root.path("Triggers")) {
            if (t.get("Trigger Name").asText().equals("domain_event_entry_chain")) {
                trigger = t.get("Time").asDouble();
            }
        }
        return String.format("in SQL   %-14s  10000 in %6.0f ms: %6.1f µs per event, of which the chain trigger %6.1f µs",
                chain ? "with chain" : "without chain", total, total * 1000 / 10000, trigger * 1000 / 10000);
    }

    private void chain(boolean on) {
        jdbc.execute("alter table domain_event_entry alter column event_hash drop not null");
        jdbc.execute("alter table domain_event_entry " + (on ? "enable" : "disable") + " trigger domain_event_entry_chain");
    }

    private String round(String name, boolean chain, int round) throws Exception {
        chain(chain);
        List<String> conventions = new ArrayList<>();
        for (int i = 0; i < CONVENTIONS; i++) {
            String id = "BENCH-" + round + "-" + i;
            created(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES").replace("CEREMA-2020-FRICHES", id)));
            conventions.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String id : conventions) {
            done.add(pool.submit(() -> {
                for (int n = 0; n < COMMANDS_PER_CONVENTION; n++) {
                    gateway.sendAndWait(new ReceivePayment(id, id + "-R" + n, Montant.of("1.00"),
                            LocalDate.of(2020, 10, 1), null, null));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        int commands = CONVENTIONS * COMMANDS_PER_CONVENTION;
        long hashed = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ? and event_hash is not null",
                Long.class, "BENCH-" + round + "-%");
        assertThat(hashed).isEqualTo(chain ? commands + CONVENTIONS : 0);
        return String.format("commands %-14s %6d in %6d ms: %8.1f commands/s", name, commands,
                nanos / 1_000_000, commands * 1e9 / nanos);
    }
}

package fr.dinum.ledger.api.integrity;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed stories (the demo history) and concurrent writes on several conventions leave a chain
 * that the service, its metric and the auditor's read-only script all find intact; the record
 * refuses updates and deletes.
 */
@TestPropertySource(properties = {"ledger.demo.enabled=true", "ledger.integrity.first-verification-delay=1h",
        "ledger.integrity.checkpoint-settle=0s"})
class EventChainIntactApiTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ScheduledVerification scheduled;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Test
    void the_demo_history_and_concurrent_writes_give_an_intact_chain() throws Exception {
        concurrentWritesOnTwoConventions();

        Http.Response answer = http().get("/api/admin/integrity");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(stored).isGreaterThan(100);
        assertThat(answer.body().get("intact").asBoolean()).as(answer.text()).isTrue();
        assertThat(answer.body().get("eventsChecked").asLong()).isEqualTo(stored);
        assertThat(answer.body().get("breaks")).isEmpty();
        // Each stream's head is its last event, and every event is chained to the one before it.
        assertThat(jdbc.queryForObject("""
                select count(*) from event_stream_head h
                 where (h.sequence_number, h.global_index, h.event_hash) = (
                       select e.sequence_number, e.global_index, e.event_hash from domain_event_entry e
                        where e.aggregate_identifier = h.aggregate_identifier order by e.sequence_number desc limit 1)""",
                Long.class)).isEqualTo(jdbc.queryForObject(
                "select count(distinct aggregate_identifier) from domain_event_entry", Long.class));
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where sequence_number > 0 and previous_hash is null",
                Long.class)).isZero();
    }

    @Test
    void the_scheduled_verification_reports_intact_and_records_a_global_anchor() {
        IntegrityReport report = scheduled.verifyNow();

        assertThat(report.intact()).isTrue();
        String metrics = http().as(Http.basic("scraper", TestUsers.PASSWORD)).get("/actuator/prometheus").text();
        assertThat(metrics).contains("ledger_integrity_intact 1.0").contains("ledger_integrity_breaks 0.0");
        var checkpoint = jdbc.queryForMap("select * from integrity_checkpoint order by id desc limit 1");
        assertThat((Long) checkpoint.get("global_index")).isEqualTo(
                jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class));
        assertThat((Long) checkpoint.get("events")).isEqualTo(
                jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
    }

    @Test
    void the_record_refuses_updates_and_deletes_of_events() {
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_revision = '2' where sequence_number = 0"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry where sequence_number = 0"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from event_stream_head"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry cascade"))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void an_auditor_with_read_access_only_verifies_the_same_chain_and_gets_exit_code_zero() throws Exception {
        assumeTrue(AuditorScript.psqlAvailable(), "psql is not installed (.ci/run installs postgresql-client)");
        String role = AuditorScript.createReadOnlyRole(jdbc, "auditor-password");

        AuditorScript.Result result = AuditorScript.run(databaseUrl, role, "auditor-password");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("INTACT:").doesNotContain(" f\n");
        // The role cannot write, so the script's success did not depend on writing.
        assertThat(jdbc.queryForObject("select has_table_privilege(?, 'domain_event_entry', 'INSERT')", Boolean.class, role))
                .isFalse();
    }

    private void concurrentWritesOnTwoConventions() throws Exception {
        // Two conventions of their own beside the demo's, signed as the Cerema seed convention is.
        for (String id : List.of("CHAIN-A", "CHAIN-B")) {
            Http.Response signed = http().post("/api/conventions",
                    SeedConventions.body("CEREMA-2020-FRICHES").replace("CEREMA-2020-FRICHES", id));
            assertThat(signed.status()).as(signed.text()).isEqualTo(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String convention = i % 2 == 0 ? "CHAIN-A" : "CHAIN-B";
            String receipt = "CHAIN-R" + i;
            answers.add(pool.submit(() -> {
                start.await();
                return http().post("/api/conventions/" + convention + "/receipts", """
                        {"receiptId":"%s","amount":"10.00","receivedOn":"2020-10-01"}""".formatted(receipt)).status();
            }));
        }
        start.countDown();
        int recorded = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get(60, TimeUnit.SECONDS);
            assertThat(status).isIn(201, 409, 422);
            recorded += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(recorded).isPositive();
    }
}

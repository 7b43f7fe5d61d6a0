package fr.dinum.ledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stored event that the projections cannot apply (a supplier name holding a NUL character, which
 * PostgreSQL refuses in text; it reached the store before the API refused such input) stops the
 * ledger loudly: readiness goes DOWN, the admin status names the event and the error, the metrics
 * carry its global index and type, later events wait behind it, and a replay stops at the same
 * event. Nothing is skipped.
 */
@TestPropertySource(properties = "ledger.metrics.refresh-interval=1s")
class PoisonEventApiTest extends ApiTestBase {

    static final String OISE = "/api/conventions/OISE-2021-ANTI-GASPI";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_poison_event_takes_readiness_down_and_is_named_by_the_status_the_metrics_and_again_after_a_replay() {
        created(http().post("/api/conventions", SeedConventions.body("OISE-2021-ANTI-GASPI")));
        created(http().post(OISE + "/receipts", """
                {"receiptId":"R1","amount":"15000.00","receivedOn":"2021-02-01"}"""));
        created(http().post(OISE + "/commitments", """
                {"ejNumber":"2100000001","amount":"5000.00","committedOn":"2021-02-15","supplier":{"name":"Atelier"},"object":"x"}"""));
        awaitProjections();
        assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(200);

        // The same commitment once more, under another EJ and with a NUL in the supplier's name.
        long poison = jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
        jdbc.update("""
                insert into domain_event_entry (global_index, sequence_number, meta_data, payload, aggregate_identifier,
                        event_identifier, payload_revision, payload_type, time_stamp, type)
                select ?, e.sequence_number + 1, e.meta_data,
                       convert_to(replace(replace(convert_from(e.payload, 'UTF8'), '"Atelier"', '"A\\u0000B"'),
                                          '2100000001', '2100000002'), 'UTF8'),
                       e.aggregate_identifier, 'poison-event', e.payload_revision, e.payload_type, e.time_stamp, e.type
                  from domain_event_entry e
                 where e.aggregate_identifier = 'OISE-2021-ANTI-GASPI'
                   and e.sequence_number = (select max(sequence_number) from domain_event_entry
                                             where aggregate_identifier = 'OISE-2021-ANTI-GASPI')""", poison);
        long poisonSequence = jdbc.queryForObject("select sequence_number from domain_event_entry where global_index = ?",
                Long.class, poison);
        // A later command is still recorded (the write side never depends on the read models)...
        created(postRetryingAConflict(OISE + "/receipts", """
                {"receiptId":"R2","amount":"1000.00","receivedOn":"2021-03-01"}"""));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(503);
            assertNamesThePoison(poison, poisonSequence);
        });
        // ...but waits behind the poison event: nothing is skipped.
        Http.Response balance = http().get(OISE + "/balance");
        assertThat(balance.header("X-Projections-Behind")).isEqualTo("true");
        assertThat(balance.body().get("received").asText()).isEqualTo("15000.00");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = http().as(Http.basic("scraper", TestUsers.PASSWORD)).get("/actuator/prometheus").text();
            assertThat(metrics)
                    .contains("ledger_event_processor_error{processor=\"ledger\"} 1.0")
                    .contains("ledger_event_processor_failing_event{event_type=\"AeCommitted\",processor=\"ledger\"} "
                            + poison + ".0");
        });

        // A replay without a fix meets the same event and stops there again.
        assertThat(http().post("/api/admin/replay", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertNamesThePoison(poison, poisonSequence);
            assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(503);
        });
        assertThat(projections.rawPosition("ledger")).isLessThan(poison);
    }

    private void assertNamesThePoison(long poison, long poisonSequence) {
        JsonNode ledger = null;
        for (JsonNode processor : http().get("/api/admin/projections").body()) {
            if (processor.get("name").asText().equals("ledger")) {
                ledger = processor;
            }
        }
        assertThat(ledger).isNotNull();
        assertThat(ledger.get("error").asBoolean()).as(ledger.toString()).isTrue();
        JsonNode failing = ledger.get("failingEvent");
        assertThat(failing).as(ledger.toString()).isNotNull();
        assertThat(failing.get("globalIndex").asLong()).isEqualTo(poison);
        assertThat(failing.get("aggregateIdentifier").asText()).isEqualTo("OISE-2021-ANTI-GASPI");
        assertThat(failing.get("sequenceNumber").asLong()).isEqualTo(poisonSequence);
        assertThat(failing.get("payloadType").asText()).endsWith("ConventionEvent$AeCommitted");
        assertThat(failing.get("error").asText()).contains("0x00");
        assertThat(failing.get("attempts").asInt()).isPositive();
    }
}

package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that cannot apply an event stops there and retries; it never skips the event, and
 * the instance says it is not ready. When the cause is removed, the event is applied, the figures
 * are right and readiness comes back by itself.
 */
class FailingEventTest extends ApiTestBase {

    static final String OISE = "/api/conventions/OISE-2021-ANTI-GASPI";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_failing_event_stops_the_projection_until_it_can_be_applied() {
        assertThat(http().post("/api/conventions", SeedConventions.body("OISE-2021-ANTI-GASPI")).status()).isEqualTo(201);
        awaitProjections();
        // The read store refuses any receipt: the event store still records it, the projection cannot.
        jdbc.execute("alter table ledger_movement add constraint test_refuses_receipts check (received = 0)");

        var receipt = http().post(OISE + "/receipts", """
                {"receiptId":"R1","amount":"20000.00","receivedOn":"2021-02-01"}""");
        assertThat(receipt.status()).isEqualTo(201);
        var commitment = http().post(OISE + "/commitments", """
                {"ejNumber":"2100000001","amount":"5000.00","committedOn":"2021-02-15","supplier":{"name":"Atelier"},"object":"x"}""");
        assertThat(commitment.status()).isEqualTo(201);

        // The later commitment must not overtake the failed receipt: the processor is stuck on the receipt.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var read = http().get(OISE + "/balance");
            assertThat(read.header("X-Projections-Behind")).as("a read says the figures are behind").isEqualTo("true");
            assertThat(read.body().get("received").asText()).isEqualTo("0.00");
            assertThat(read.body().get("aeCommitted").asText()).isEqualTo("0.00");
        });
        assertThat(projections.caughtUp()).isFalse();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(projections.failure("ledger")).get().satisfies(f -> {
                assertThat(f.payloadType()).endsWith("ConventionEvent$PaymentReceived");
                assertThat(f.error()).contains("test_refuses_receipts");
            });
        });

        jdbc.execute("alter table ledger_movement drop constraint test_refuses_receipts");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            var read = http().get(OISE + "/balance");
            assertThat(read.header("X-Projections-Behind")).isNull();
            assertThat(read.body().get("received").asText()).isEqualTo("20000.00");
            assertThat(read.body().get("aeCommitted").asText()).isEqualTo("5000.00");
        });
        assertThat(projections.failure("ledger")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(200));
    }
}

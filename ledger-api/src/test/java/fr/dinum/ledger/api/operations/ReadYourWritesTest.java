package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes by position, over HTTP on PostgreSQL: a command's answer gives the position of
 * its last event; a read naming it sees the write (or says it could not, after a bounded wait); a
 * read naming none answers from the projections as they are, without waiting for anyone's writes.
 */
@TestPropertySource(properties = "ledger.read-your-writes-timeout=300ms")
class ReadYourWritesTest extends ApiTestBase {

    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";

    @Autowired
    JdbcClient jdbc;

    private long position(Http.Response response) {
        assertThat(response.header(Projections.POSITION_HEADER)).as(response.text()).isNotBlank();
        return Long.parseLong(response.header(Projections.POSITION_HEADER));
    }

    private long lastGlobalIndex() {
        return jdbc.sql("select max(global_index) from domain_event_entry where aggregate_identifier = 'CEREMA-2020-FRICHES'")
                .query(Long.class).single();
    }

    @Test
    void a_command_answer_carries_the_position_of_the_last_event_it_appended() {
        Http.Response signed = created(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")));
        assertThat(position(signed)).isEqualTo(lastGlobalIndex());

        Http.Response received = created(http().post(CEREMA + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        assertThat(position(received)).isEqualTo(lastGlobalIndex()).isGreaterThan(position(signed));

        // An exact retry records nothing and gives the position of what the first attempt recorded.
        Http.Response retried = http().post(CEREMA + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}""");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(position(retried)).isEqualTo(position(received));
    }

    @Test
    void a_read_naming_a_position_waits_for_it_and_a_read_naming_none_does_not() {
        created(http().post("/api/conventions", SeedConventions.body("OISE-2021-ANTI-GASPI")));
        String oise = "/api/conventions/OISE-2021-ANTI-GASPI";
        StreamingEventProcessor ledger = projections.processors().stream()
                .filter(p -> p.getName().equals("ledger")).findFirst().orElseThrow();
        ledger.shutdownAsync().join();
        try {
            Http.Response received = created(http().post(oise + "/receipts", """
                    {"receiptId":"R1","amount":"1000.00","receivedOn":"2021-05-01"}"""));
            long written = position(received);
            Http reader = http().forgetful();

            Http.Response naming = reader.get(oise + "/balance", Map.of(Projections.POSITION_HEADER, Long.toString(written)));
            assertThat(naming.status()).isEqualTo(200);
            assertThat(naming.header(ReadYourWrites.BEHIND_HEADER)).isEqualTo("true");

            Http.Response namingNone = reader.get(oise + "/balance");
            assertThat(namingNone.status()).isEqualTo(200);
            assertThat(namingNone.header(ReadYourWrites.BEHIND_HEADER)).isNull();
            assertThat(namingNone.body().get("received").asText()).isEqualTo("0.00");
        } finally {
            ledger.start();
        }
        Http.Response caughtUp = http().get(oise + "/balance");
        assertThat(caughtUp.header(ReadYourWrites.BEHIND_HEADER)).isNull();
        assertThat(caughtUp.body().get("received").asText()).isEqualTo("1000.00");
    }

    @Test
    void a_read_may_name_its_position_in_the_query() {
        Http.Response signed = created(http().post("/api/conventions", SeedConventions.body("PAU-2020-POUBELLES-BATTLE")));
        Http.Response read = http().forgetful().get("/api/conventions/PAU-2020-POUBELLES-BATTLE/balance?position="
                + position(signed));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header(ReadYourWrites.BEHIND_HEADER)).isNull();
        assertThat(read.body().get("conventionId").asText()).isEqualTo("PAU-2020-POUBELLES-BATTLE");
    }

    @Test
    void a_malformed_position_is_refused_with_its_code() {
        Http.Response read = http().forgetful().get("/api/conventions", Map.of(Projections.POSITION_HEADER, "latest"));
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.header("Content-Type")).contains("application/problem+json");
        assertThat(read.body().get("errors").get(0).get("code").asText()).isEqualTo("POSITION_INVALID");
    }
}

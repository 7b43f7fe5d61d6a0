package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.LedgerApplication;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.LedgerStory;
import fr.dinum.ledger.api.support.TestDatabase;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the application and starts it again on the same data: every balance and the history are
 * unchanged, and new commands work. Without an external test database it runs the product's
 * default, the embedded PostgreSQL with its data directory, as a user's first start would.
 */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void nothing_is_lost_on_restart_and_new_commands_work() {
        Map<String, Object> properties = properties();
        Map<String, String> before;
        try (ConfigurableApplicationContext first = start(properties)) {
            Http http = http(first);
            LedgerStory.record(http);
            awaitProjections(first);
            before = readAll(http);
        }
        try (ConfigurableApplicationContext second = start(properties)) {
            Http http = http(second);
            awaitProjections(second);
            assertThat(readAll(http)).isEqualTo(before);
            var payment = http.post("/api/conventions/OISE-2021-ANTI-GASPI/payments", """
                    {"dpNumber":"300000001","ejNumber":"2100000001","amount":"1000.00","serviceFaitOn":"2021-03-01","paidOn":"2021-03-02"}""");
            assertThat(payment.status()).as(payment.text()).isEqualTo(201);
            assertThat(payment.body().get("cpPaid").asText()).isEqualTo("1000.00");
            var retry = http.post("/api/conventions/CEREMA-2020-FRICHES/receipts", """
                    {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}""");
            assertThat(retry.status()).as("a retry after the restart is still recognised").isEqualTo(200);
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>(TestUsers.properties());
        properties.put("server.port", "0");
        if (System.getenv("LEDGER_TEST_DATABASE_URL") != null) {
            TestDatabase.Coordinates db = TestDatabase.fresh();
            properties.put("spring.datasource.url", db.url());
            properties.put("spring.datasource.username", db.username());
            properties.put("spring.datasource.password", db.password());
        } else {
            properties.put("ledger.database.embedded.data-directory", dataDirectory.resolve("postgres").toString());
        }
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(LedgerApplication.class).properties(properties).run();
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void awaitProjections(ConfigurableApplicationContext context) {
        assertThat(context.getBean(Projections.class).awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }

    private static Map<String, String> readAll(Http http) {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String path : LedgerStory.READS) {
            reads.put(path, http.get(path).body().toString());
        }
        return reads;
    }
}

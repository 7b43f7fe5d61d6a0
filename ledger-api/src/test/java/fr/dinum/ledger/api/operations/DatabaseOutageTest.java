package fr.dinum.ledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, part 5: the database goes away in the middle of a request, and comes back.
 *
 * <p>This class runs its own embedded PostgreSQL (zonky) on a data directory and a port it keeps,
 * rather than a database of the shared test server, so that it can stop the server without
 * disturbing other test classes, and start a new one on the same files and port, which is what a
 * restarted PostgreSQL looks like to the ledger. A request is held in the middle of its work by a
 * table lock taken from a second connection; the server is stopped while the request waits on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.hikari.maximum-pool-size=8", "ledger.read-your-writes-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

    private static final String CONVENTION = "/api/conventions/CEREMA-2020-FRICHES";
    private static final Path DATA;
    private static final int DATABASE_PORT;
    private static EmbeddedPostgres postgres;

    static {
        try {
            DATA = Files.createTempDirectory("ledger-outage-");
            try (ServerSocket free = new ServerSocket(0)) {
                DATABASE_PORT = free.getLocalPort();
            }
            postgres = start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false)
                .setPort(DATABASE_PORT).start();
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + DATABASE_PORT + "/postgres";
    }

    @DynamicPropertySource
    static void databaseAndUsers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DatabaseOutageTest::url);
        registry.add("spring.datasource.username", () -> "postgres");
        TestUsers.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopTheServer() throws IOException {
        postgres.close();
    }

    @Test
    void a_request_cut_by_the_outage_gets_503_then_the_ledger_resumes_by_itself_with_nothing_acknowledged_lost()
            throws Exception {
        Http http = new Http(port);
        Http anonymous = http.as(null);
        assertThat(http.post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")).status()).isEqualTo(201);
        assertThat(http.post(CONVENTION + "/receipts", """
                {"receiptId":"R1","amount":"100000.00","receivedOn":"2020-09-20"}""").status()).isEqualTo(201);
        String second = """
                {"receiptId":"R2","amount":"50000.00","receivedOn":"2020-09-21"}""";

        // A second connection locks the event table; the next command waits on the lock, mid-request.
        Connection locker = DriverManager.getConnection(url(), "postgres", "");
        locker.setAutoCommit(false);
        try (Statement lock = locker.createStatement()) {
            lock.execute("LOCK TABLE domain_event_entry IN ACCESS EXCLUSIVE MODE");
        }
        CompletableFuture<Response> cut = CompletableFuture.supplyAsync(() -> http.post(CONVENTION + "/receipts", second));
        await().atMost(Duration.ofSeconds(60)).until(() -> waitingOnALock(locker));

        postgres.close();

        Response answer = cut.get();
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(answer.header("Retry-After")).isNotBlank();

        Response read = http.get(CONVENTION + "/balance?asOf=2020-12-31");
        assertThat(read.status()).as(read.text()).isEqualTo(503);
        assertThat(read.code()).isEqualTo("DATABASE_UNAVAILABLE");
        Response write = http.post(CONVENTION + "/receipts", second);
        assertThat(write.status()).as(write.text()).isEqualTo(503);
        assertThat(write.code()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);

        postgres = start();

        await().atMost(Duration.ofSeconds(120))
                .until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
        // The command cut by the outage was not acknowledged. Whether PostgreSQL committed it just
        // before it stopped cannot be known from the client's side (the answer was lost with the
        // connection), so the client sends it again: recorded now (201) or found recorded (200),
        // it is counted once.
        Response resent = http.post(CONVENTION + "/receipts", second);
        assertThat(resent.status()).as(resent.text()).isIn(200, 201);
        assertThat(resent.body().get("received").asText()).isEqualTo("150000.00");
        assertThat(http.post(CONVENTION + "/receipts", second).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response balance = http.get(CONVENTION + "/balance?asOf=2020-12-31");
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.header("X-Projections-Behind")).isNull();
            JsonNode body = balance.body();
            assertThat(body.get("received").asText()).isEqualTo("150000.00");
        });
        try {
            locker.close();
        } catch (SQLException e) {
            // Its server was stopped under it.
        }
    }

    private static boolean waitingOnALock(Connection locker) throws SQLException {
        try (Statement query = locker.createStatement();
             ResultSet rows = query.executeQuery(
                     "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}

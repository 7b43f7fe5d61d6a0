package fr.dinum.ledger.api.support;

import fr.dinum.ledger.api.operations.Projections;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running application on a random port, on a fresh PostgreSQL database of its own (see
 * {@link TestDatabase}); the context is closed after the class so the next one gets a new database.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.maximum-pool-size=8")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Projections projections;

    private Http http;

    @DynamicPropertySource
    static void databaseAndUsers(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestUsers.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    protected Http http() {
        if (http == null) {
            http = new Http(port);
        }
        return http;
    }

    /**
     * Reads already wait for the projections (read-your-writes); tests that look at the database
     * or at the processors directly wait here.
     */
    protected void awaitProjections() {
        assertThat(projections.awaitCaughtUp(Duration.ofSeconds(30))).as("projections caught up").isTrue();
    }

    /** Asserts a command was recorded (201 with a Location) and returns its answer. */
    protected static Http.Response created(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Location")).isNotBlank();
        return response;
    }

    /**
     * Sends a command the way a client does after another instance wrote to the same convention:
     * a convention this instance holds in its cache is stale then, the first attempt is refused
     * {@code 409 CONCURRENT_MODIFICATION} and the retry is decided on every event. Tests that
     * append events straight to the store are in that situation.
     */
    protected Http.Response postRetryingAConflict(String path, String json) {
        Http.Response first = http().post(path, json);
        if (first.status() == 409 && "CONCURRENT_MODIFICATION".equals(first.code())) {
            return http().post(path, json);
        }
        return first;
    }

    /** The balance of a convention (its API path) at a business date. */
    protected JsonNode balance(String convention, String asOf) {
        Http.Response response = http().get(convention + "/balance?asOf=" + asOf);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    /** Asserts each named field of a JSON answer has the expected text. */
    protected static void assertFigures(JsonNode node, Map<String, String> expected) {
        expected.forEach((field, value) -> {
            assertThat(node.get(field)).as(field + " in " + node).isNotNull();
            assertThat(node.get(field).asText()).as(field + " in " + node).isEqualTo(value);
        });
    }

    protected Http.Response getAfterProjections(String path) {
        awaitProjections();
        return http().get(path);
    }
}

package fr.dinum.ledger.api.support;

import fr.dinum.ledger.api.operations.Projections;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

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

    protected Http.Response getAfterProjections(String path) {
        awaitProjections();
        return http().get(path);
    }
}

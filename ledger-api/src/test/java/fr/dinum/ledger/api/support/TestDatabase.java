package fr.dinum.ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Hands out brand-new, empty PostgreSQL databases to tests, so that tests never share state and
 * never need a database set up by hand.
 *
 * <p>The server is chosen once per JVM, in this order:
 * <ol>
 *   <li>the server named by {@code LEDGER_TEST_DATABASE_URL} (with
 *       {@code LEDGER_TEST_DATABASE_USERNAME} and {@code LEDGER_TEST_DATABASE_PASSWORD}), for a CI
 *       that provides PostgreSQL as a service; the user needs the CREATEDB privilege;</li>
 *   <li>a Testcontainers {@code postgres:17-alpine} container, when Docker is available;</li>
 *   <li>otherwise zonky's embedded PostgreSQL in a temporary directory, which needs nothing.</li>
 * </ol>
 * Each call to {@link #fresh()} then creates a database named {@code ledger_test_<random>} on it.
 *
 * <p>Typical use in a Spring Boot test:
 * <pre>{@code
 * @DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     TestDatabase.register(registry);
 * }
 * }</pre>
 */
public final class TestDatabase {

    /** Where to connect to one test database. */
    public record Coordinates(String url, String username, String password) {
    }

    public static final String URL_VARIABLE = "LEDGER_TEST_DATABASE_URL";
    public static final String USERNAME_VARIABLE = "LEDGER_TEST_DATABASE_USERNAME";
    public static final String PASSWORD_VARIABLE = "LEDGER_TEST_DATABASE_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    /** Matches {@code jdbc:postgresql://hosts[/database][?parameters]}, hosts possibly several. */
    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private static Server server;

    private TestDatabase() {
    }

    /** Creates a new, empty database and returns where to reach it. */
    public static Coordinates fresh() {
        Server current = server();
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        current.createDatabase(name);
        return current.coordinatesOf(name);
    }

    /**
     * Creates a new database and points {@code spring.datasource.*} at it. Setting
     * {@code spring.datasource.url} also switches the application's embedded database off.
     */
    public static void register(DynamicPropertyRegistry registry) {
        Coordinates coordinates = fresh();
        registry.add("spring.datasource.url", coordinates::url);
        // A null value would mean nothing to Spring; leaving the property out lets the URL or the
        // driver's defaults decide, as they would without this class.
        if (coordinates.username() != null) {
            registry.add("spring.datasource.username", coordinates::username);
        }
        if (coordinates.password() != null) {
            registry.add("spring.datasource.password", coordinates::password);
        }
    }

    /** Replaces the database of a PostgreSQL JDBC URL, keeping its hosts and parameters. */
    static String withDatabase(String url, String database) {
        Matcher matcher = POSTGRES_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Expected a URL like jdbc:postgresql://host:port/database, got " + url);
        }
        String parameters = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + parameters;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = chooseServer();
        }
        return server;
    }

    private static Server chooseServer() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            LOG.info("Test databases: on the server given by {} ({})", URL_VARIABLE, withoutParameters(url));
            return new ExternalServer(url, System.getenv(USERNAME_VARIABLE), System.getenv(PASSWORD_VARIABLE));
        }
        if (dockerAvailable()) {
            LOG.info("Test databases: in a Testcontainers postgres:17-alpine container");
            return new ContainerServer();
        }
        LOG.info("Test databases: in an embedded PostgreSQL (zonky), as neither {} nor Docker is available",
                URL_VARIABLE);
        return new EmbeddedServer();
    }

    private static boolean dockerAvailable() {
        // Testcontainers throws rather than answers on some broken setups (no socket, no
        // permission, an old API): any failure means Docker cannot be used here.
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            LOG.debug("Docker is not usable", e);
            return false;
        }
    }

    /** Parameters may hold a password, and are not needed to say which server was chosen. */
    private static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** One PostgreSQL server on which test databases are created. */
    private interface Server {

        void createDatabase(String name);

        Coordinates coordinatesOf(String name);
    }

    /** A server reached by URL with an administrative user: an external one or a container. */
    private abstract static class UrlServer implements Server {

        @Override
        public void createDatabase(String name) {
            // CREATE DATABASE cannot take a bind parameter; the name is generated above, never
            // user input, so putting it in the statement is safe.
            try (Connection connection = DriverManager.getConnection(adminUrl(), username(), password())) {
                execute(connection, "CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the test database " + name
                        + " on " + withoutParameters(adminUrl()), e);
            }
        }

        @Override
        public Coordinates coordinatesOf(String name) {
            return new Coordinates(withDatabase(adminUrl(), name), username(), password());
        }

        abstract String adminUrl();

        abstract String username();

        abstract String password();
    }

    private static final class ExternalServer extends UrlServer {

        private final String url;
        private final String username;
        private final String password;
        private final List<String> created = new ArrayList<>();

        ExternalServer(String url, String username, String password) {
            this.url = url;
            this.username = username;
            this.password = password;
            // Unlike a container or a temporary directory, this server outlives the tests: the
            // databases made for this JVM are dropped when it ends, so they do not pile up.
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "ledger-test-databases-cleanup"));
        }

        @Override
        public void createDatabase(String name) {
            super.createDatabase(name);
            synchronized (created) {
                created.add(name);
            }
        }

        private void dropCreated() {
            List<String> names;
            synchronized (created) {
                names = List.copyOf(created);
            }
            if (names.isEmpty()) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(url, username, password)) {
                for (String name : names) {
                    try {
                        // FORCE (PostgreSQL 13+) ends the connections that Spring contexts still
                        // hold while the JVM shuts down.
                        execute(connection, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (SQLException e) {
                        LOG.debug("Could not drop the test database {}", name, e);
                    }
                }
            } catch (SQLException e) {
                LOG.debug("Could not drop the test databases {}", names, e);
            }
        }

        @Override
        String adminUrl() {
            return url;
        }

        @Override
        String username() {
            return username;
        }

        @Override
        String password() {
            return password;
        }
    }

    private static final class ContainerServer extends UrlServer {

        private final PostgreSQLContainer<?> container;

        ContainerServer() {
            container = new PostgreSQLContainer<>("postgres:17-alpine");
            // Never stopped here: Testcontainers' Ryuk removes the container when the JVM ends,
            // and stopping it earlier would break Spring contexts cached for later tests.
            container.start();
        }

        @Override
        String adminUrl() {
            return container.getJdbcUrl();
        }

        @Override
        String username() {
            return container.getUsername();
        }

        @Override
        String password() {
            return container.getPassword();
        }
    }

    private static final class EmbeddedServer implements Server {

        private final EmbeddedPostgres postgres;

        EmbeddedServer() {
            try {
                // zonky's defaults suit tests: a temporary data directory deleted at the end,
                // fsync off, and its own shutdown hook, which is fine once every test has run.
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
            }
        }

        @Override
        public void createDatabase(String name) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                execute(connection, "CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the test database " + name, e);
            }
        }

        @Override
        public Coordinates coordinatesOf(String name) {
            // zonky's server trusts every local connection of its superuser "postgres".
            return new Coordinates("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name, "postgres", "");
        }
    }
}

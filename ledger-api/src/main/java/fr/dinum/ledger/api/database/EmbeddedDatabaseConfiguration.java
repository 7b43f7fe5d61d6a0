package fr.dinum.ledger.api.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL server (zonky's {@link EmbeddedPostgres}) on a data directory that
 * is kept between runs, and exposes the {@code ledger} database on it as the application's
 * {@link javax.sql.DataSource}.
 *
 * <p>It is active only when {@code spring.datasource.url} is not set (by any property source:
 * {@code application.properties}, {@code SPRING_DATASOURCE_URL}, a test's dynamic properties...),
 * so that a real server always wins, and a developer or a small deployment gets a working ledger
 * with no setup at all. Spring Boot's own {@code DataSourceAutoConfiguration} backs off because a
 * {@code DataSource} bean then already exists.
 *
 * <p>Unlike zonky's defaults, which are meant for throw-away test databases, this keeps the data
 * directory, turns {@code fsync} and {@code synchronous_commit} back on, does not register zonky's
 * JVM shutdown hook, and stops a server left running by a previous run that was killed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabaseUrlCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

    /** The database the application uses inside the embedded server. */
    public static final String DATABASE_NAME = "ledger";

    /** The superuser created by zonky's initdb; the server only listens on loopback with trust authentication. */
    public static final String USERNAME = "postgres";

    /** The property whose presence switches this configuration off. */
    public static final String EXTERNAL_URL_PROPERTY = "spring.datasource.url";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * The embedded server. Spring closes it (zonky runs {@code pg_ctl stop -m fast}) as this bean's
     * destroy method, that is after every bean that depends on the data source has been destroyed;
     * zonky's own shutdown hook would instead stop PostgreSQL in parallel with Spring's shutdown and
     * break the event processors still reading the event store.
     */
    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path dataDirectory = properties.dataDirectory().toAbsolutePath().normalize();
        Files.createDirectories(dataDirectory);
        OrphanedPostmaster.stopOrForget(dataDirectory, properties.startTimeout());

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                // zonky deletes the data directory on close unless told otherwise, and runs initdb
                // only when postgresql.conf is missing: together this keeps the ledger between runs.
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // zonky picks a free port itself when given 0.
                .setPort(properties.port())
                .setPGStartupWait(properties.startTimeout())
                // zonky starts the server with "-F" (fsync off) and synchronous_commit=off; these
                // "-c" settings come after "-F" on the command line, so they win. A ledger must not
                // lose an acknowledged transaction when the machine crashes.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        try {
            createDatabaseIfMissing(postgres);
        } catch (SQLException | RuntimeException e) {
            // Spring does not call the destroy method of a bean whose factory method failed, so the
            // server would otherwise outlive the failed start.
            postgres.close();
            throw new IllegalStateException("Could not create the database '" + DATABASE_NAME
                    + "' in the embedded PostgreSQL server", e);
        }
        LOG.info("Embedded PostgreSQL: data in {}, listening on 127.0.0.1:{}, database '{}' "
                        + "(set spring.datasource.url to use another server)",
                dataDirectory, postgres.getPort(), DATABASE_NAME);
        return postgres;
    }

    /**
     * A Hikari pool on the {@code ledger} database of the embedded server. It depends on the server
     * bean, so Spring closes the pool (and everything that uses it: JPA, Axon) before PostgreSQL.
     * Pool settings can still be tuned with the usual {@code spring.datasource.hikari.*} properties.
     */
    @Bean
    @DependsOn("embeddedPostgres")
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgres embeddedPostgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("ledger-embedded");
        dataSource.setDriverClassName("org.postgresql.Driver");
        dataSource.setJdbcUrl(jdbcUrl(embeddedPostgres.getPort(), DATABASE_NAME));
        dataSource.setUsername(USERNAME);
        return dataSource;
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        // CREATE DATABASE cannot run in a transaction nor take a bind parameter, hence the check
        // first and the constant name; nobody else can race us since zonky locks the data directory.
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, DATABASE_NAME);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + DATABASE_NAME);
                }
                LOG.info("Created the database '{}' in the embedded PostgreSQL server", DATABASE_NAME);
            }
        }
    }

    /**
     * Matches when {@code spring.datasource.url} has no value in the environment. The environment
     * resolves relaxed names, so the {@code SPRING_DATASOURCE_URL} variable counts as well. A blank
     * value counts as unset so that an empty variable in a deployment file keeps the default.
     */
    static class NoExternalDatabaseUrlCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("Embedded ledger database");
            // The value itself is never put in the message: it may carry a password.
            if (StringUtils.hasText(context.getEnvironment().getProperty(EXTERNAL_URL_PROPERTY))) {
                return ConditionOutcome.noMatch(message.because(EXTERNAL_URL_PROPERTY + " is set"));
            }
            return ConditionOutcome.match(message.because(EXTERNAL_URL_PROPERTY + " is not set"));
        }
    }

    /**
     * Deals with the {@code postmaster.pid} that a previous run leaves behind when its JVM is killed
     * with SIGKILL: zonky's close never runs, so the postmaster keeps running (and then the next
     * start fails with "lock file postmaster.pid already exists"), or the machine rebooted and the
     * file names a process that is gone or, worse, a pid now reused by an unrelated process, which
     * PostgreSQL also takes for a running server.
     */
    static final class OrphanedPostmaster {

        private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

        private OrphanedPostmaster() {
        }

        static void stopOrForget(Path dataDirectory, Duration timeout) throws IOException {
            Path pidFile = dataDirectory.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            OptionalLong pid = readPid(pidFile);
            if (pid.isEmpty()) {
                LOG.warn("Removing the unreadable {} left by a previous run", pidFile);
                Files.deleteIfExists(pidFile);
                return;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(OrphanedPostmaster::isRunning);
            if (process.isEmpty()) {
                LOG.warn("Removing the stale {}: process {} is not running", pidFile, pid.getAsLong());
                Files.deleteIfExists(pidFile);
                return;
            }
            if (!isPostgres(process.get()) || !runsIn(process.get(), dataDirectory)) {
                // Deleting the file is safe here: a postmaster of this directory would be a
                // "postgres" process whose working directory is the data directory.
                LOG.warn("Removing the stale {}: process {} is not a PostgreSQL server of this data directory",
                        pidFile, pid.getAsLong());
                Files.deleteIfExists(pidFile);
                return;
            }
            stop(process.get(), dataDirectory, timeout);
        }

        private static void stop(ProcessHandle postmaster, Path dataDirectory, Duration timeout) {
            LOG.warn("A PostgreSQL server left running by a previous run (pid {}) still uses {}: stopping it",
                    postmaster.pid(), dataDirectory);
            // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients, checkpoints and exits.
            // Java can only send SIGTERM ("smart" shutdown, which waits for every client to leave),
            // so the kill command is tried first and SIGTERM is the fallback.
            if (!sendInterrupt(postmaster.pid())) {
                postmaster.destroy();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (isRunning(postmaster)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("The PostgreSQL server left running by a previous run (pid "
                            + postmaster.pid() + ") did not stop within " + timeout
                            + "; stop it by hand before starting the application");
                }
                sleep(POLL_INTERVAL);
            }
            LOG.info("Stopped the PostgreSQL server left running by a previous run (pid {})", postmaster.pid());
        }

        private static boolean sendInterrupt(long pid) {
            try {
                Process kill = new ProcessBuilder(List.of("kill", "-INT", Long.toString(pid)))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static OptionalLong readPid(Path pidFile) throws IOException {
            try {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                if (lines.isEmpty()) {
                    return OptionalLong.empty();
                }
                long pid = Long.parseLong(lines.get(0).trim());
                return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
            } catch (NumberFormatException | NoSuchFileException e) {
                return OptionalLong.empty();
            }
        }

        /**
         * A process that exited but has not been reaped yet (a zombie, possible when the parent
         * of an orphaned postmaster does not reap) still looks alive to {@link ProcessHandle}.
         */
        private static boolean isRunning(ProcessHandle process) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
                int endOfName = stat.lastIndexOf(')');
                return endOfName < 0 || endOfName + 2 >= stat.length() || stat.charAt(endOfName + 2) != 'Z';
            } catch (IOException e) {
                // Without /proc (macOS), isAlive is the best answer available.
                return process.isAlive();
            }
        }

        private static boolean isPostgres(ProcessHandle process) {
            try {
                return "postgres".equals(
                        Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm")).trim());
            } catch (IOException e) {
                return process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                        .orElse(false);
            }
        }

        /** A postmaster changes its working directory to its data directory at start. */
        private static boolean runsIn(ProcessHandle process, Path dataDirectory) {
            try {
                Path workingDirectory = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
                return workingDirectory.equals(dataDirectory.toRealPath());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // When this cannot be checked, the process is assumed to be ours: stopping it is
                // then the only way the start can succeed.
                return true;
            }
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for PostgreSQL to stop", e);
            }
        }
    }
}

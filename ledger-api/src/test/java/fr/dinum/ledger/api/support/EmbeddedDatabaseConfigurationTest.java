package fr.dinum.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import fr.dinum.ledger.api.database.EmbeddedDatabaseConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Starts {@link EmbeddedDatabaseConfiguration} alone, on a temporary data directory, to check what a
 * ledger needs from it: data that survives a restart, durable settings, and a start that copes with
 * what a killed previous run leaves behind.
 */
class EmbeddedDatabaseConfigurationTest {

    @TempDir
    Path temporary;

    @Test
    void data_survives_a_restart_and_is_written_durably() throws Exception {
        Path dataDirectory = temporary.resolve("postgres");

        runner(dataDirectory).run(context -> {
            assertThat(context).hasNotFailed();
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT current_database()")).isEqualTo("ledger");
                // zonky turns both off by default; a ledger must not lose acknowledged writes.
                assertThat(single(statement, "SHOW fsync")).isEqualTo("on");
                assertThat(single(statement, "SHOW synchronous_commit")).isEqualTo("on");
                statement.execute("CREATE TABLE entry (id bigint PRIMARY KEY, label text NOT NULL)");
                statement.execute("INSERT INTO entry VALUES (1, 'kept across restarts')");
            }
        });

        // Closing the context must have stopped PostgreSQL cleanly, which removes its pid file.
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();

        runner(dataDirectory).run(context -> {
            assertThat(context).hasNotFailed();
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT label FROM entry WHERE id = 1"))
                        .isEqualTo("kept across restarts");
            }
        });
    }

    @Test
    void starts_despite_a_stale_pid_file() throws Exception {
        Path dataDirectory = initialisedDataDirectory();

        // A pid that is alive but not PostgreSQL, as after a reboot that reused the pid: PostgreSQL
        // itself would refuse to start ("lock file already exists").
        writePidFile(dataDirectory, ProcessHandle.current().pid());
        assertStartsAndAnswers(dataDirectory);

        // A pid that no longer exists, as after a reboot.
        writePidFile(dataDirectory, deadPid());
        assertStartsAndAnswers(dataDirectory);
    }

    @Test
    void stops_a_postgres_left_running_by_a_killed_run() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path dataDirectory = temporary.resolve("postgres");
        AtomicReference<Path> postgresBinary = new AtomicReference<>();
        runner(dataDirectory).run(context -> {
            assertThat(context).hasNotFailed();
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            postgresBinary.set(Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow()));
        });

        // What a kill -9 of the JVM leaves: a postmaster of this data directory whose owner is gone.
        Process orphan = startPostmasterByHand(postgresBinary.get(), dataDirectory);
        try {
            assertStartsAndAnswers(dataDirectory);
            assertThat(orphan.isAlive()).isFalse();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void backs_off_when_an_external_url_is_set() {
        new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/ledger")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context).doesNotHaveBean(DataSource.class);
                });
    }

    private ApplicationContextRunner runner(Path dataDirectory) {
        return new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                .withPropertyValues(
                        "ledger.database.embedded.data-directory=" + dataDirectory,
                        "ledger.database.embedded.start-timeout=30s");
    }

    private Path initialisedDataDirectory() {
        Path dataDirectory = temporary.resolve("postgres");
        runner(dataDirectory).run(context -> assertThat(context).hasNotFailed());
        return dataDirectory;
    }

    private void assertStartsAndAnswers(Path dataDirectory) {
        runner(dataDirectory).run(context -> {
            assertThat(context).hasNotFailed();
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT 1")).isEqualTo("1");
            }
        });
    }

    private static void writePidFile(Path dataDirectory, long pid) throws IOException {
        // The same layout as PostgreSQL's: pid, data directory, start time, port, ...
        Files.writeString(dataDirectory.resolve("postmaster.pid"),
                pid + "\n" + dataDirectory + "\n1700000000\n5432\n/tmp\nlocalhost\n  5432001         0\nready   \n");
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static Process startPostmasterByHand(Path postgres, Path dataDirectory) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        // PostgreSQL refuses to run as root; zonky runs it in a user namespace then, and so do we.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "-D", dataDirectory.toString(), "-p", Integer.toString(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDirectory.resolveSibling("orphan.log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> accepts(port));
        return process;
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}

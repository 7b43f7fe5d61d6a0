package fr.dinum.ledger.api.benchmark;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import fr.dinum.ledger.api.LedgerApplication;
import fr.dinum.ledger.api.operations.Projections;
import fr.dinum.ledger.domain.convention.ConventionEvent;
import fr.dinum.ledger.domain.values.DpNumber;
import fr.dinum.ledger.domain.values.EjNumber;
import fr.dinum.ledger.domain.values.Montant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger's throughput beside the database's own limit, on the same machine and the same
 * PostgreSQL, as the README says:
 * {@code java -Dloader.main=fr.dinum.ledger.api.benchmark.ThroughputBenchmark -cp ledger-api/target/ledger-api.jar org.springframework.boot.loader.launch.PropertiesLauncher}
 *
 * <p>It starts the service in this JVM on an embedded PostgreSQL in a temporary directory, with JWT
 * authentication against a key generated here and published on a loopback JWKS endpoint (as the
 * tests do), so that the figures are not those of HTTP Basic's bcrypt. Then, at 1, 8 and 32
 * clients: single-row inserts through JDBC, one transaction each, on that same database (what
 * pgbench would measure with a one-insert script; pgbench is not shipped with the embedded
 * binaries), and {@code PayCp} commands through REST on 100 conventions. Then reads under write
 * load, a convention with 10 000 payments, a replay, and a second start of the service in a child
 * JVM on the now existing database (time to healthy, RSS at rest). Everything runs on the loopback
 * interface; the load generators share the machine's cores with the service, as pgbench would.
 *
 * <p>Optional system properties: {@code benchmark.seconds} (each measured run, default 10),
 * {@code benchmark.replay-clones} (copies of the long convention added before the replay,
 * default 20, about 10 000 events each), {@code benchmark.child-jvm-options} (flags for the first
 * child JVM whose start is timed, space separated; the second always runs with
 * {@value #SMALL_MACHINE_FLAGS}).
 */
public final class ThroughputBenchmark {

    private static final String ISSUER = "https://benchmark.invalid/issuer";
    private static final String AUDIENCE = "fdc-ledger";
    private static final int CONVENTIONS = 100;
    private static final int[] CLIENTS = {1, 8, 32};
    private static final String LONG_ID = "BENCH-LONG";
    private static final int LONG_PAYMENTS = 10_000;
    private static final int LONG_EJS = 100;
    /** A bounded heap with the serial collector: what a 2-core machine needs, and far less memory. */
    static final String SMALL_MACHINE_FLAGS = "-XX:+UseSerialGC -Xmx256m";

    private final int seconds = Integer.getInteger("benchmark.seconds", 10);
    private final int replayClones = Integer.getInteger("benchmark.replay-clones", 20);
    private final AtomicInteger dpCounter = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String bearer;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        new ThroughputBenchmark().run();
        // A command-line tool: end here even if a library left a thread behind.
        System.exit(0);
    }

    private void run() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("benchmark").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        bearer = "Bearer " + token(key);
        Path data = Files.createTempDirectory("throughput-benchmark").resolve("postgres");
        List<String> report = new ArrayList<>();
        long firstStart = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class)
                .properties("server.port=0", "ledger.database.embedded.data-directory=" + data,
                        "ledger.security.oidc.issuer-uri=" + ISSUER,
                        "ledger.security.oidc.jwk-set-uri=http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                        "ledger.security.oidc.audience=" + AUDIENCE,
                        "logging.level.root=WARN", "logging.level.fr.dinum.ledger=WARN")
                .run()) {
            long started = System.nanoTime() - firstStart;
            base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            System.out.printf("service started in %d ms (first start: unpacking PostgreSQL and initdb included)%n",
                    started / 1_000_000);
            String jdbcUrl = ((HikariDataSource) context.getBean(DataSource.class)).getJdbcUrl();
            Properties jdbcUser = new Properties();
            jdbcUser.setProperty("user", ((HikariDataSource) context.getBean(DataSource.class)).getUsername());
            String password = ((HikariDataSource) context.getBean(DataSource.class)).getPassword();
            if (password != null) {
                jdbcUser.setProperty("password", password);
            }
            setUpConventions();
            singleInsertTable(jdbcUrl, jdbcUser);
            System.out.println("warming up (JIT) for " + seconds + " s...");
            load(8, seconds, this::payCp);
            report.add(String.format("%n%-8s %18s %20s %8s %9s %9s", "clients", "single-insert TPS",
                    "ledger commands/s", "ratio", "p50 ms", "p99 ms"));
            for (int clients : CLIENTS) {
                Result inserts = load(clients, seconds, i -> insertRow(jdbcUrl, jdbcUser));
                Result commands = load(clients, seconds, this::payCp);
                report.add(String.format(Locale.ROOT, "%-8d %18.0f %20.0f %8.3f %9.1f %9.1f", clients,
                        inserts.perSecond(), commands.perSecond(), commands.perSecond() / inserts.perSecond(),
                        commands.percentile(50), commands.percentile(99)));
                if (commands.errors() > 0 || inserts.errors() > 0) {
                    report.add(String.format("   (errors: %d inserts, %d commands)", inserts.errors(), commands.errors()));
                }
                System.out.println(report.get(report.size() - 1));
            }
            readsUnderLoad(report);
            longConvention(context, report);
            replay(context, report, jdbcUrl, jdbcUser);
        } finally {
            jwks.stop(0);
        }
        // Twice: with the JVM's defaults, then with the flags the README suggests for a small machine.
        secondStart(data, report, System.getProperty("benchmark.child-jvm-options", ""));
        secondStart(data, report, SMALL_MACHINE_FLAGS);
        System.out.printf("%nThroughput benchmark: %d cores, max heap %d MiB, Java %s, %d s per run, PayCp on %d conventions"
                        + " through REST with a JWT%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"), seconds, CONVENTIONS);
        report.forEach(System.out::println);
        System.out.println("Targets (issue 11): >= 1 000 commands/s at 32 clients, p99 < 50 ms at 8; reads p99 < 20 ms under"
                + " load; replay >= 20 000 events/s; long convention p50 < 10 ms; start < 5 s; RSS < 300 MB.");
    }

    // ---------------------------------------------------------------- set up

    private static String token(RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("benchmark").issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
                .claim("roles", List.of("READER", "WRITER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String conventionId(int index) {
        return String.format("BENCH-%03d", index);
    }

    private static String ej(int index) {
        return String.format("13%08d", index);
    }

    private void setUpConventions() {
        for (int c = 0; c < CONVENTIONS; c++) {
            signWithMoney(conventionId(c), "900000000.00", 1);
        }
    }

    /** Signs a convention, receives and opens all its money, and commits it on {@code ejs} EJs. */
    private void signWithMoney(String id, String amount, int ejs) {
        expect(post("/api/conventions", """
                {"conventionId": "%s", "title": "Convention de mesure",
                 "contributor": {"name": "Collectivité de mesure", "kind": "COLLECTIVITE"},
                 "beneficiary": "DINUM", "fund": {"fundCode": "1-2-00548", "programme": "352", "bop": "0352-CFSE"},
                 "amount": "%s", "fundingMode": "ADVANCE",
                 "tranches": [{"number": 1, "amount": "%s", "trigger": "ON_SIGNATURE"}],
                 "signedOn": "2024-01-02", "endsOn": "2030-12-31"}""".formatted(id, amount, amount)), id);
        String path = "/api/conventions/" + id;
        expect(post(path + "/receipts", """
                {"receiptId": "R1", "amount": "%s", "receivedOn": "2024-01-03"}""".formatted(amount)), id);
        expect(post(path + "/credit-openings", """
                {"openingId": "O1", "ae": "%s", "cp": "%s", "openedOn": "2024-01-04", "arreteReference": "A"}"""
                .formatted(amount, amount)), id);
        String each = Montant.of(amount).value().divide(java.math.BigDecimal.valueOf(ejs)).setScale(2,
                java.math.RoundingMode.DOWN).toPlainString();
        for (int e = 0; e < ejs; e++) {
            expect(post(path + "/commitments", """
                    {"ejNumber": "%s", "amount": "%s", "committedOn": "2024-01-05",
                     "supplier": {"name": "Fournisseur %d"}, "object": "Prestation"}""".formatted(ej(e), each, e)), id);
        }
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the loads

    /** One PayCp of 1.00 on a random convention among the 100; true when recorded. */
    private boolean payCp(int client) {
        return payCp(conventionId(ThreadLocalRandom.current().nextInt(CONVENTIONS)), ej(0)).statusCode() == 201;
    }

    private HttpResponse<String> payCp(String conventionId, String ej) {
        String dp = String.format("2%08d", dpCounter.incrementAndGet());
        return post("/api/conventions/" + conventionId + "/payments", """
                {"dpNumber": "%s", "ejNumber": "%s", "amount": "1.00", "serviceFaitOn": "2024-02-01",
                 "paidOn": "2024-02-02"}""".formatted(dp, ej));
    }

    private static void singleInsertTable(String url, Properties user) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user); Statement statement = connection.createStatement()) {
            // A scratch table in a schema of its own, in this throw-away database: not part of the ledger.
            statement.execute("create schema if not exists benchmark");
            statement.execute("create table if not exists benchmark.single_insert (id bigserial primary key, "
                    + "client integer not null, amount numeric(15, 2) not null, at timestamptz not null default now())");
        }
    }

    private static final ThreadLocal<PreparedStatement> INSERT = new ThreadLocal<>();

    /** One row inserted in its own transaction (auto-commit), on this thread's own connection. */
    private static boolean insertRow(String url, Properties user) {
        try {
            PreparedStatement insert = INSERT.get();
            if (insert == null) {
                Connection connection = DriverManager.getConnection(url, user);
                insert = connection.prepareStatement("insert into benchmark.single_insert (client, amount) values (?, ?)");
                INSERT.set(insert);
            }
            insert.setInt(1, (int) Thread.currentThread().getId());
            insert.setBigDecimal(2, java.math.BigDecimal.ONE);
            return insert.executeUpdate() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    private record Result(long count, long errors, double seconds, long[] sortedNanos) {
        double perSecond() {
            return count / seconds;
        }

        double percentile(int p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    private interface Operation {
        boolean apply(int client) throws Exception;
    }

    /** Runs {@code clients} threads doing the operation back to back for a number of seconds. */
    private static Result load(int clients, int seconds, Operation operation) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[Math.max(100_000, 3_000_000 / clients)];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.apply(client);
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (ok) {
                        mine[n++] = System.nanoTime() - t0;
                    } else {
                        errors.incrementAndGet();
                    }
                }
                counts[client] = n;
            }, "benchmark-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), elapsed, all);
    }

    // ---------------------------------------------------------------- reads, long convention, replay

    private void readsUnderLoad(List<String> report) throws InterruptedException {
        int writers = 8;
        int readers = 8;
        Result[] reads = new Result[2];
        Thread readLoad = new Thread(() -> {
            try {
                reads[0] = load(readers, seconds, c -> get("/api/conventions/"
                        + conventionId(ThreadLocalRandom.current().nextInt(CONVENTIONS)) + "/balance").statusCode() == 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        readLoad.start();
        Result writes = load(writers, seconds, this::payCp);
        readLoad.join();
        // A client reading its own write: the read names the position its command's answer carried.
        reads[1] = load(1, Math.max(2, seconds / 2), c -> {
            String id = conventionId(ThreadLocalRandom.current().nextInt(CONVENTIONS));
            HttpResponse<String> paid = payCp(id, ej(0));
            String position = paid.headers().firstValue(Projections.POSITION_HEADER).orElse(null);
            if (paid.statusCode() != 201 || position == null) {
                return false;
            }
            return send(HttpRequest.newBuilder(URI.create(base + "/api/conventions/" + id + "/balance"))
                    .header("Authorization", bearer).header(Projections.POSITION_HEADER, position).GET().build())
                    .statusCode() == 200;
        });
        report.add(String.format(Locale.ROOT, "%nreads under load: %d readers of balances beside %d PayCp writers:"
                        + " %.0f reads/s, p50 %.1f ms, p99 %.1f ms (%d errors); writes meanwhile %.0f/s, p99 %.1f ms",
                readers, writers, reads[0].perSecond(), reads[0].percentile(50), reads[0].percentile(99), reads[0].errors(),
                writes.perSecond(), writes.percentile(99)));
        report.add(String.format(Locale.ROOT, "read-your-writes: PayCp then a balance read naming its position,"
                        + " one client: p50 %.1f ms, p99 %.1f ms for the pair (%d pairs, %d errors)",
                reads[1].percentile(50), reads[1].percentile(99), reads[1].count(), reads[1].errors()));
        System.out.println(report.get(report.size() - 2));
        System.out.println(report.get(report.size() - 1));
    }

    private void longConvention(ConfigurableApplicationContext context, List<String> report) throws Exception {
        signWithMoney(LONG_ID, "900000000.00", LONG_EJS);
        EventStore events = context.getBean(EventStore.class);
        long sequence = 3 + LONG_EJS;
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int p = 0; p < LONG_PAYMENTS; p++) {
            LocalDate paidOn = LocalDate.of(2024, 2, 1).plusDays(p % 300);
            batch.add(new GenericDomainEventMessage<>("Convention", LONG_ID, sequence++, new ConventionEvent.CpPaid(LONG_ID,
                    DpNumber.of(String.format("3%08d", p)), EjNumber.of(ej(p % LONG_EJS)), Montant.of("1.00"), paidOn,
                    paidOn, null)));
            if (batch.size() == 1000) {
                events.publish(batch);
                batch.clear();
            }
        }
        events.publish(batch);
        long cold = System.nanoTime();
        expect(payCp(LONG_ID, ej(0)), LONG_ID);
        double coldMs = (System.nanoTime() - cold) / 1e6;
        Result commands = load(1, Math.max(2, seconds / 2), c -> payCp(LONG_ID, ej(c)).statusCode() == 201);
        report.add(String.format(Locale.ROOT, "long convention (%d payments): first command %.1f ms (loads the"
                        + " aggregate), then PayCp through REST p50 %.1f ms, p99 %.1f ms (%d commands)",
                LONG_PAYMENTS, coldMs, commands.percentile(50), commands.percentile(99), commands.count()));
        System.out.println(report.get(report.size() - 1));
    }

    private void replay(ConfigurableApplicationContext context, List<String> report, String url, Properties user)
            throws Exception {
        Projections projections = context.getBean(Projections.class);
        if (replayClones > 0) {
            // Copies of the long convention's events under other identifiers, in the event store
            // itself: the quickest way to a large store; each copy is a convention of its own.
            try (Connection connection = DriverManager.getConnection(url, user);
                 Statement statement = connection.createStatement()) {
                statement.execute("""
                        insert into domain_event_entry (global_index, sequence_number, meta_data, payload,
                            aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type)
                        select nextval('domain_event_entry_seq'), e.sequence_number, e.meta_data,
                            convert_to(replace(convert_from(e.payload, 'UTF8'), '"%1$s"', '"%1$s-' || k || '"'), 'UTF8'),
                            e.aggregate_identifier || '-' || k, gen_random_uuid()::text, e.payload_revision,
                            e.payload_type, e.time_stamp, e.type
                        from domain_event_entry e cross join generate_series(1, %2$d) k
                        where e.aggregate_identifier = '%1$s'
                        order by k, e.sequence_number""".formatted(LONG_ID, replayClones));
            }
        }
        long head = projections.headPosition();
        long started = System.nanoTime();
        projections.replay();
        boolean done = projections.awaitPosition(head, Duration.ofMinutes(5));
        double elapsed = (System.nanoTime() - started) / 1e9;
        long events = 0;
        try (Connection connection = DriverManager.getConnection(url, user);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("select count(*) from domain_event_entry")) {
            rs.next();
            events = rs.getLong(1);
        }
        report.add(done
                ? String.format(Locale.ROOT, "replay: %d events rebuilt by every projection in %.1f s: %.0f events/s",
                events, elapsed, events / elapsed)
                : String.format(Locale.ROOT, "replay: %d events NOT rebuilt within %.0f s (see the log's progress)",
                events, elapsed));
        System.out.println(report.get(report.size() - 1));
    }

    // ---------------------------------------------------------------- start time and memory

    /** Starts the packaged service in a child JVM on the existing database: time to healthy, then RSS at rest. */
    private void secondStart(Path data, List<String> report, String options) throws Exception {
        String classpath = System.getProperty("java.class.path");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : options.split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        if (classpath.endsWith(".jar") && !classpath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classpath));
        } else {
            command.addAll(List.of("-cp", classpath, LedgerApplication.class.getName()));
        }
        command.addAll(List.of("--server.port=" + port, "--ledger.database.embedded.data-directory=" + data,
                "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling("second-start.log").toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        long started = System.nanoTime();
        Process child = builder.start();
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).GET().build();
            long deadline = started + Duration.ofMinutes(4).toNanos();
            boolean healthy = false;
            while (!healthy && System.nanoTime() < deadline && child.isAlive()) {
                try {
                    healthy = client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (!healthy) {
                    Thread.sleep(20);
                }
            }
            double startSeconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(10_000);
            long rssKb = rssKb(child.pid());
            report.add(healthy
                    ? String.format(Locale.ROOT, "start to healthy on the existing embedded database: %.2f s (%s); JVM RSS"
                            + " 10 s later at rest: %d MB (log: %s)", startSeconds,
                    options.isBlank() ? "default JVM flags" : options, rssKb / 1024, data.resolveSibling("second-start.log"))
                    : "second start: not healthy within 4 minutes, see " + data.resolveSibling("second-start.log"));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}

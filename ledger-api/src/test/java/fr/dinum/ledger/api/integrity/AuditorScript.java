package fr.dinum.ledger.api.integrity;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the auditor's command of docs/security.md, {@code psql -f deploy/integrity/verify-integrity.sql},
 * as a role that may only read the three tables it needs. Needs the {@code psql} client (Debian's
 * {@code postgresql-client}, which .ci/run installs); tests skip it where it is missing.
 */
final class AuditorScript {

    record Result(int exitCode, String output) {
    }

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*$");
    static final Path SCRIPT = Path.of("..", "deploy", "integrity", "verify-integrity.sql");

    private AuditorScript() {
    }

    static boolean psqlAvailable() {
        try {
            Process process = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates a login role with SELECT on the chain's tables only, and returns its name. */
    static String createReadOnlyRole(JdbcTemplate jdbc, String password) {
        String role = "auditor_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String database = jdbc.queryForObject("select current_database()", String.class);
        // The names are generated here, never user input: putting them in the statements is safe.
        jdbc.execute("create role " + role + " login password '" + password + "'");
        jdbc.execute("grant connect on database " + database + " to " + role);
        jdbc.execute("grant usage on schema public to " + role);
        jdbc.execute("grant select on domain_event_entry, event_stream_head, integrity_checkpoint to " + role);
        return role;
    }

    static Result run(String jdbcUrl, String role, String password, String... variables) throws Exception {
        Matcher url = URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Unexpected database URL " + jdbcUrl);
        }
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-v", "ON_ERROR_STOP=1",
                "-h", url.group(1), "-p", url.group(2) == null ? "5432" : url.group(2), "-U", role, "-d", url.group(3)));
        for (String variable : variables) {
            command.add("-v");
            command.add(variable);
        }
        command.add("-f");
        command.add(SCRIPT.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not end");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static boolean scriptExists() {
        return Files.isRegularFile(SCRIPT);
    }
}

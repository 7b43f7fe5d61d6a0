package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics on /actuator/prometheus follow the projections, and every metric that the Grafana
 * dashboard and the alert rules of deploy/ use exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "ledger.demo.enabled=true")
class MetricsTest extends ApiTestBase {

    static final String COPY = "/api/conventions/ANCT-COPY";

    @Autowired
    LedgerMetrics metrics;

    String scrape;

    @BeforeAll
    void aConventionWaitingForItsCall() {
        // The demo history is settled; this copy of the ANCT has a threshold reached and not called.
        String body = SeedConventions.body("ANCT-2020-INCUBATEUR").replace("ANCT-2020-INCUBATEUR", "ANCT-COPY")
                .replace("\"2021-05-11\"", "\"2026-12-15\"");
        assertThat(http().post("/api/conventions", body).status()).isEqualTo(201);
        http().post(COPY + "/receipts", "{\"receiptId\":\"R1\",\"amount\":\"800000.00\",\"receivedOn\":\"2020-06-15\"}");
        http().post(COPY + "/credit-openings", "{\"openingId\":\"O1\",\"ae\":\"800000.00\",\"cp\":\"800000.00\",\"openedOn\":\"2020-07-01\",\"arreteReference\":\"A\"}");
        http().post(COPY + "/commitments", "{\"ejNumber\":\"1300000001\",\"amount\":\"800000.00\",\"committedOn\":\"2020-07-10\",\"supplier\":{\"name\":\"Octo\"},\"object\":\"x\"}");
        assertThat(http().post(COPY + "/payments", "{\"dpNumber\":\"200000001\",\"ejNumber\":\"1300000001\",\"amount\":\"600000.00\",\"serviceFaitOn\":\"2020-09-30\",\"paidOn\":\"2020-10-08\"}").status()).isEqualTo(201);
        assertThat(http().post(COPY + "/payments", "{\"dpNumber\":\"200000002\",\"ejNumber\":\"1300000001\",\"amount\":\"900000.00\",\"serviceFaitOn\":\"2020-09-30\",\"paidOn\":\"2020-10-08\"}").status()).isEqualTo(422);
        awaitProjections();
        metrics.refresh();
        Http scraper = http().as(Http.basic("scraper", TestUsers.PASSWORD));
        var response = scraper.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        scrape = response.text();
    }

    private String sample(String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)}\\s+(\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return m.group(2);
            }
        }
        return null;
    }

    @Test
    void business_metrics_follow_the_projections() {
        assertThat(sample("ledger_convention_received_euros", "convention=\"ANCT-2020-INCUBATEUR\"")).isEqualTo("1600000.0");
        assertThat(sample("ledger_convention_cp_paid_euros", "convention=\"PDC-2020-PREINCUBATION\"")).isEqualTo("7200.0");
        // The fund's CP consumed leave out Pas-de-Calais's 7 200, pre-financed by the programme.
        assertThat(sample("ledger_fund_cp_consumed_euros", "fund=\"1-2-00548\"")).isEqualTo("2078000.0");
        assertThat(sample("ledger_fund_cp_prefinanced_euros", "fund=\"1-2-00548\"")).isEqualTo("7200.0");
        assertThat(sample("ledger_tranche_consumed_euros", "convention=\"ANCT-COPY\",tranche=\"2\"")).isEqualTo("600000.0");
        assertThat(sample("ledger_tranche_reached", "convention=\"ANCT-COPY\",tranche=\"2\"")).isEqualTo("1.0");
        assertThat(sample("ledger_tranche_called", "convention=\"ANCT-COPY\",tranche=\"2\"")).isEqualTo("0.0");
        assertThat(Double.parseDouble(sample("ledger_tranche_awaiting_call_days", "convention=\"ANCT-COPY\",tranche=\"2\"")))
                .as("reached on 2020-10-08").isGreaterThan(2000);
        assertThat(sample("ledger_convention_next_threshold_euros", "convention=\"ANCT-COPY\"")).isEqualTo("1000000.0");
        assertThat(sample("ledger_convention_state", "convention=\"OISE-2021-ANTI-GASPI\"")).isEqualTo("1.0");
        assertThat(scrape).contains("status=\"SETTLED\"");
    }

    @Test
    void commands_are_counted_by_type_and_outcome() {
        assertThat(sample("ledger_commands_total", "code=\"\",command=\"payments\",outcome=\"recorded\"")).isNotNull();
        assertThat(sample("ledger_commands_total", "code=\"CP_EXCEEDS_COMMITMENT\",command=\"payments\",outcome=\"refused\"")).isEqualTo("1.0");
    }

    @Test
    void processors_report_no_lag_once_caught_up() {
        assertThat(sample("ledger_event_processor_lag_events", "processor=\"ledger\"")).isEqualTo("0.0");
        assertThat(sample("ledger_event_processor_error", "processor=\"history\"")).isEqualTo("0.0");
        assertThat(sample("ledger_event_processor_running", "processor=\"ledger\"")).isEqualTo("1.0");
    }

    @Test
    void every_metric_of_the_dashboard_and_the_alert_rules_exists() throws IOException {
        Path deploy = Path.of("..", "deploy");
        Set<String> used = new TreeSet<>();
        try (var files = Files.walk(deploy)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith("alerts.yml")).toList()) {
                Matcher m = Pattern.compile("\\bledger_[a-z_]*[a-z](?![a-z_*])").matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(used).as("metrics used in deploy/").isNotEmpty();
        // Exposed only while a processor is stopped on an event: PoisonEventApiTest checks it then.
        used.remove("ledger_event_processor_failing_event");
        for (String metric : used) {
            assertThat(scrape).as(metric + " is exposed").containsPattern("(?m)^" + metric + "(\\{|\\s)");
        }
    }

    @Test
    void health_probes_include_the_database_and_the_processors() {
        var readiness = http().as(null).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").asText()).isEqualTo("UP");
        assertThat(http().as(null).get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}

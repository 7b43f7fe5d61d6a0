package fr.dinum.ledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's package, which .ci/run installs) started on loopback scrapes the
 * running ledger with the SCRAPER credentials; a ledger metric is read back through its query API.
 */
@TestPropertySource(properties = {"ledger.demo.enabled=true", "ledger.metrics.refresh-interval=1s"})
class PrometheusScrapeTest extends ApiTestBase {

    @TempDir
    Path work;

    static Optional<Path> prometheus() {
        return Stream.of(System.getenv("PROMETHEUS_BINARY"), "/usr/bin/prometheus", "/usr/local/bin/prometheus")
                .filter(p -> p != null && Files.isExecutable(Path.of(p))).map(Path::of).findFirst();
    }

    @Test
    void prometheus_scrapes_the_ledger_and_answers_a_ledger_metric() throws Exception {
        Optional<Path> binary = prometheus();
        // CI installs Prometheus (.ci/run) and must run this test; elsewhere it says what is missing.
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(binary.isPresent(),
                    "Prometheus is not installed (apt-get install prometheus); .ci/run installs it");
        }
        assertThat(binary).as("prometheus binary").isPresent();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path password = Files.writeString(work.resolve("password"), TestUsers.PASSWORD);
        Path config = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: fdc-ledger
                    metrics_path: /actuator/prometheus
                    basic_auth:
                      username: scraper
                      password_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(password, this.port));
        Process process = new ProcessBuilder(binary.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String query = URLEncoder.encode("ledger_convention_received_euros{convention=\"ANCT-2020-INCUBATEUR\"}",
                    StandardCharsets.UTF_8);
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + query);
            JsonNode[] result = new JsonNode[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = new ObjectMapper().readTree(response.body());
                result[0] = body.path("data").path("result");
                return result[0].size() == 1;
            });
            assertThat(result[0].get(0).get("value").get(1).asText()).isEqualTo("1600000");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}

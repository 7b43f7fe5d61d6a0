package fr.dinum.ledger.api.security;

import fr.dinum.ledger.api.convention.DemoHistory;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × no credentials and each role. The ledger is first filled with the demo history;
 * the commands of the matrix are exact retries of recorded ones, so an allowed role gets a 2xx
 * (200, already recorded) and nothing changes, while a refused one gets 403, and no credentials 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixTest extends ApiTestBase {

    static final String ANCT = "/api/conventions/ANCT-2020-INCUBATEUR";

    record Call(String method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<String> PUBLIC = Set.of("NONE", "READER", "WRITER", "ORDONNATEUR", "COMPTABLE", "ADMIN", "SCRAPER");

    @BeforeAll
    void fill() {
        for (DemoHistory.Step step : DemoHistory.steps()) {
            assertThat(http().post(step.path(), step.body().toString()).status()).isEqualTo(201);
        }
        assertThat(http().post(ANCT + "/erdas", "{\"asOf\":\"2020-12-31\"}").status()).isIn(200, 201);
        assertThat(http().post(ANCT + "/erdas/1/signatures",
                "{\"role\":\"ORDONNATEUR\",\"signer\":\"Mme O.\",\"signedOn\":\"2026-11-22\"}").status()).isEqualTo(201);
        assertThat(http().post(ANCT + "/erdas/1/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"M. C.\",\"signedOn\":\"2026-11-22\"}").status()).isEqualTo(201);
    }

    static Stream<Arguments> calls() {
        List<Call> calls = new ArrayList<>();
        Set<String> reader = Set.of("READER");
        for (String path : List.of("/api/conventions", ANCT, ANCT + "/balance?asOf=2021-01-01", ANCT + "/commitments",
                ANCT + "/history", ANCT + "/erda?asOf=2021-01-01", ANCT + "/erda?asOf=2021-01-01&format=csv",
                ANCT + "/erdas", ANCT + "/erdas/1", ANCT + "/erdas/1?format=pdf", ANCT + "/compte-rendu",
                ANCT + "/compte-rendu?exercice=2020&format=xlsx", "/api/funds/1-2-00548", "/api/programmes/352")) {
            calls.add(new Call("GET", path, null, reader));
        }
        // One recorded step of each command, sent again.
        Map<String, DemoHistory.Step> oneOfEach = new LinkedHashMap<>();
        for (DemoHistory.Step step : DemoHistory.steps()) {
            oneOfEach.putIfAbsent(step.command(), step);
        }
        for (DemoHistory.Step step : oneOfEach.values()) {
            calls.add(new Call("POST", step.path(), step.body().toString(), Set.of("WRITER")));
        }
        calls.add(new Call("POST", ANCT + "/erdas", "{\"asOf\":\"2020-12-31\"}", Set.of("WRITER")));
        calls.add(new Call("POST", ANCT + "/erdas/1/signatures",
                "{\"role\":\"ORDONNATEUR\",\"signer\":\"Mme O.\",\"signedOn\":\"2026-11-22\"}", Set.of("ORDONNATEUR")));
        calls.add(new Call("POST", ANCT + "/erdas/1/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"M. C.\",\"signedOn\":\"2026-11-22\"}", Set.of("COMPTABLE")));
        calls.add(new Call("GET", "/api/admin/projections", null, Set.of("ADMIN")));
        calls.add(new Call("POST", "/api/admin/replay", "{}", Set.of("ADMIN")));
        calls.add(new Call("GET", "/actuator/prometheus", null, Set.of("SCRAPER")));
        calls.add(new Call("GET", "/actuator/health", null, PUBLIC));
        calls.add(new Call("GET", "/v3/api-docs", null, PUBLIC));
        List<Arguments> arguments = new ArrayList<>();
        for (Call call : calls) {
            arguments.add(Arguments.of(call, "NONE"));
            for (String role : TestUsers.ROLES) {
                arguments.add(Arguments.of(call, role));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("calls")
    void each_endpoint_answers_each_identity_as_its_role_allows(Call call, String identity) {
        Http client = identity.equals("NONE") ? http().as(null)
                : http().as(Http.basic(identity.toLowerCase(), TestUsers.PASSWORD));
        int status = call.method().equals("GET") ? client.get(call.path()).status()
                : client.post(call.path(), call.body()).status();
        if (call.allowed().contains(identity)) {
            assertThat(status).as(call + " as " + identity).isBetween(200, 299);
        } else if (identity.equals("NONE")) {
            assertThat(status).as(call + " without credentials").isEqualTo(401);
        } else {
            assertThat(status).as(call + " as " + identity).isEqualTo(403);
        }
    }
}

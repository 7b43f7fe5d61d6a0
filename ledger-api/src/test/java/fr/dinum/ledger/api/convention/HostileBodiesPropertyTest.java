package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.api.LedgerApplication;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.RawHttp;
import fr.dinum.ledger.api.support.RawHttp.Answer;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestDatabase;
import fr.dinum.ledger.api.support.TestUsers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated bodies thrown at every command endpoint: valid bodies with one field made
 * hostile (control characters, numbers and booleans for text, huge numbers, odd dates, nested
 * shapes), random JSON, duplicate keys, trailing content and bytes that are not UTF-8. Whatever the
 * body, the ledger never answers 5xx, every refusal is a problem+json with a code, and a refused
 * command records nothing.
 *
 * <p>jqwik has no Spring integration here, so the application is started once for the class with
 * {@link SpringApplicationBuilder}, on a fresh database of the test server. The number of tries is
 * {@code jqwik.tries.default} (src/test/resources/junit-platform.properties, or
 * {@code -Djqwik.tries.default=N}).
 */
class HostileBodiesPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONVENTION = "/api/conventions/CEREMA-2020-FRICHES";
    private static final String PLACEHOLDER = "__hostile_value__";

    private static ConfigurableApplicationContext application;
    private static RawHttp raw;
    private static JdbcTemplate jdbc;

    /** A valid body of each endpoint, the starting point of the mutations. */
    private static final Map<String, String> VALID = new HashMap<>();

    @BeforeContainer
    static void startTheLedger() {
        TestDatabase.Coordinates database = TestDatabase.fresh();
        Map<String, Object> properties = new HashMap<>(TestUsers.properties());
        properties.put("spring.datasource.url", database.url());
        if (database.username() != null) {
            properties.put("spring.datasource.username", database.username());
        }
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("logging.level.fr.dinum.ledger.api.web.ProblemAdvice", "ERROR");
        application = new SpringApplicationBuilder(LedgerApplication.class).properties(properties).run();
        int port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
        raw = new RawHttp(port);
        jdbc = new JdbcTemplate(application.getBean(DataSource.class));
        Http http = new Http(port);
        assertThat(http.post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES")).status()).isEqualTo(201);
        assertThat(http.post(CONVENTION + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}""").status()).isEqualTo(201);
        assertThat(http.post(CONVENTION + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"120000.00","openedOn":"2020-10-05","arreteReference":"A"}""").status()).isEqualTo(201);
        assertThat(http.post(CONVENTION + "/commitments", """
                {"ejNumber":"1300000101","amount":"120000.00","committedOn":"2020-10-12","supplier":{"name":"Octo","siret":"13002603200016"},"object":"Coaching"}""").status()).isEqualTo(201);
        VALID.put("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES"));
        VALID.put(CONVENTION + "/receipts", "{\"receiptId\":\"R9\",\"amount\":\"1.00\",\"receivedOn\":\"2020-09-21\",\"trancheNumber\":1,\"reference\":\"x\"}");
        VALID.put(CONVENTION + "/credit-openings", "{\"openingId\":\"O9\",\"ae\":\"1.00\",\"cp\":\"1.00\",\"openedOn\":\"2020-10-06\",\"arreteReference\":\"A\"}");
        VALID.put(CONVENTION + "/commitments", "{\"ejNumber\":\"1300000109\",\"amount\":\"1.00\",\"committedOn\":\"2020-10-13\",\"supplier\":{\"name\":\"S\",\"siret\":\"13002603200016\"},\"object\":\"o\",\"marche\":\"m\"}");
        VALID.put(CONVENTION + "/commitments/1300000101/releases", "{\"releaseId\":\"L9\",\"amount\":\"1.00\",\"releasedOn\":\"2020-10-20\",\"reason\":\"r\"}");
        VALID.put(CONVENTION + "/payments", "{\"dpNumber\":\"200000109\",\"ejNumber\":\"1300000101\",\"amount\":\"1.00\",\"serviceFaitOn\":\"2020-11-01\",\"paidOn\":\"2020-11-02\",\"invoiceReference\":\"F\"}");
        VALID.put(CONVENTION + "/closure", "{\"closedOn\":\"2021-06-30\"}");
        VALID.put(CONVENTION + "/restitutions", "{\"restitutionId\":\"X9\",\"amount\":\"1.00\",\"restitutedOn\":\"2021-07-01\",\"reference\":\"r\"}");
        VALID.put(CONVENTION + "/fund-calls", "{\"callId\":\"F9\",\"trancheNumber\":1,\"calledOn\":\"2020-10-01\"}");
        VALID.put(CONVENTION + "/amendments", "{\"amendmentId\":\"V9\",\"signedOn\":\"2020-10-01\",\"summary\":\"s\",\"amount\":\"200000.00\",\"endsOn\":\"2021-06-30\",\"tranches\":[{\"number\":1,\"amount\":\"200000.00\",\"trigger\":\"ON_SIGNATURE\"}]}");
        VALID.put(CONVENTION + "/termination", "{\"terminatedOn\":\"2020-12-01\",\"reason\":\"r\"}");
        VALID.put(CONVENTION + "/erdas", "{\"asOf\":\"2020-12-31\",\"final\":false}");
        VALID.put(CONVENTION + "/erdas/1/signatures", "{\"role\":\"ORDONNATEUR\",\"signer\":\"n\",\"signedOn\":\"2021-01-05\"}");
        VALID.put("/api/conventions/UNKNOWN-9/receipts", "{\"receiptId\":\"R9\",\"amount\":\"1.00\",\"receivedOn\":\"2020-09-21\"}");
    }

    @AfterContainer
    static void stopTheLedger() {
        if (application != null) {
            application.close();
        }
    }

    private static long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Property
    void no_body_gets_a_5xx_and_a_refused_command_records_nothing(@ForAll("endpoints") String path,
                                                                    @ForAll("bodies") Body body) {
        byte[] bytes = body.bytes(VALID.get(path));
        long before = events();
        Answer answer = raw.send("POST", path, Map.of("Content-Type", "application/json"), bytes);
        String sent = new String(bytes, StandardCharsets.UTF_8);
        assertThat(answer.status()).as(path + " " + sent + " -> " + answer.body()).isLessThan(500);
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as(sent).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).as(sent + " -> " + answer.body()).isNotBlank();
            assertThat(events()).as("events after the refused " + sent + " -> " + answer.body()).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(new ArrayList<>(VALID.keySet()));
    }

    /** How to make a body from the endpoint's valid one. */
    interface Body {
        byte[] bytes(String valid);
    }

    @Provide
    Arbitrary<Body> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, oneHostileField()),
                net.jqwik.api.Tuple.of(2, jsonValue(3).map(value -> (Body) valid -> utf8(value))),
                net.jqwik.api.Tuple.of(1, duplicateKey()),
                net.jqwik.api.Tuple.of(1, trailing()),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(120).map(b -> (Body) valid -> b)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The valid body with one field, at the top or in a nested object, set to a hostile value. */
    private Arbitrary<Body> oneHostileField() {
        return Combinators.combine(Arbitraries.integers().between(0, 50), hostileValue(), Arbitraries.of(true, false))
                .as((which, value, nested) -> (Body) valid -> {
                    try {
                        ObjectNode node = (ObjectNode) JSON.readTree(valid);
                        ObjectNode target = node;
                        if (nested) {
                            for (var field : node.properties()) {
                                if (field.getValue().isObject()) {
                                    target = (ObjectNode) field.getValue();
                                    break;
                                }
                            }
                        }
                        List<String> names = new ArrayList<>();
                        target.fieldNames().forEachRemaining(names::add);
                        String name = which < names.size() * 3 ? names.get(which % names.size()) : "extra" + which;
                        // Put in as text: some values (a 1200-digit number) are more than Jackson itself reads.
                        target.put(name, PLACEHOLDER);
                        return utf8(JSON.writeValueAsString(node).replace(quoted(PLACEHOLDER), value));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Hostile JSON values, as JSON text. */
    private Arbitrary<String> hostileValue() {
        Arbitrary<String> controlText = Arbitraries.strings().withCharRange('\u0000', '\u001f')
                .withChars('\u007f', '\u0085', '\u202e', '\u2066', '\ud800', 'a', 'é', ' ').ofMinLength(1).ofMaxLength(8)
                .map(HostileBodiesPropertyTest::quoted);
        Arbitrary<String> dates = Arbitraries.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "1989-12-31",
                "2101-01-01", "2020-02-30", "2020-13-01", "20200101", "2020-1-1", "").map(HostileBodiesPropertyTest::quoted);
        Arbitrary<String> numbers = Arbitraries.of("0", "-1", "1.005", "1e400", "-1e-400", "99999999999999999999999999",
                "1" + "0".repeat(1200), "123456789012345.67", "NaN", "Infinity", "0.1e1", "-0");
        Arbitrary<String> amounts = Arbitraries.of("1,00", "1.001", "-5.00", "1e3", " 1.00", "999999999999999.99", "0x10",
                "１２", "1_000").map(HostileBodiesPropertyTest::quoted);
        Arbitrary<String> shapes = Arbitraries.of("true", "false", "null", "[]", "{}", "[\"a\"]", "{\"a\":1}", "[[[[[[]]]]]]",
                "\"\"", "\"   \"");
        Arbitrary<String> longText = Arbitraries.integers().between(900, 5000).map(n -> quoted("x".repeat(n)));
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(30).map(HostileBodiesPropertyTest::quoted);
        return Arbitraries.oneOf(controlText, dates, numbers, amounts, shapes, longText, anyText);
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(hostileValue(), Arbitraries.integers().map(String::valueOf));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.of("conventionId", "amount", "receiptId", "closedOn", "supplier", "tranches", "x"),
                        jsonValue(depth - 1)).as((k, v) -> quoted(k) + ":" + v)
                .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.oneOf(leaf, array, object);
    }

    /** The valid body with one of its keys given a second time, with another value. */
    private Arbitrary<Body> duplicateKey() {
        return hostileValue().map(value -> (Body) valid -> {
            try {
                JsonNode node = JSON.readTree(valid);
                String first = node.fieldNames().next();
                return utf8("{" + quoted(first) + ":" + value + "," + valid.substring(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The valid body followed by something. */
    private Arbitrary<Body> trailing() {
        return Arbitraries.of(" x", "}", "{}", " {\"a\":1}", ",", "\u0000", " null", "]")
                .map(tail -> (Body) valid -> utf8(valid + tail));
    }
}

package fr.dinum.ledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.RawHttp;
import fr.dinum.ledger.api.support.RawHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, part 1: no input can stop the ledger. Each hostile request of the issue gets its 4xx
 * problem+json with a code, and a NUL refused at the door leaves every projection running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputHygieneApiTest extends ApiTestBase {

    static final String C = "/api/conventions/HYG-1";
    static final String SIGN = """
            {"conventionId":"HYG-1","title":"Hygiène","contributor":{"name":"Ville de 100% Pau_Nord","kind":"COLLECTIVITE"},
             "beneficiary":"DINUM","fund":{"fundCode":"1-2-00999","programme":"352","bop":"0352-CFSE"},
             "amount":"1000.00","fundingMode":"ADVANCE","tranches":[{"number":1,"amount":"1000.00","trigger":"ON_SIGNATURE"}],
             "signedOn":"2020-01-10","endsOn":"2030-12-31"}""";
    static final String COMMITMENT = """
            {"ejNumber":"1300000001","amount":"100.00","committedOn":"2020-02-01","supplier":{"name":"%s"},"object":"%s"}""";

    private RawHttp raw;

    @BeforeAll
    void signReceiveAndOpen() {
        raw = new RawHttp(port);
        created(http().post("/api/conventions", SIGN));
        created(http().post(C + "/receipts", """
                {"receiptId":"R1","amount":"1000.00","receivedOn":"2020-01-20"}"""));
        created(http().post(C + "/credit-openings", """
                {"openingId":"O1","ae":"1000.00","cp":"1000.00","openedOn":"2020-01-25","arreteReference":"A1"}"""));
    }

    private static void assertProblem(int status, String code, int actualStatus, String contentType, JsonNode body) {
        assertThat(actualStatus).as(String.valueOf(body)).isEqualTo(status);
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    private static void assertFieldRefused(Response response, String field, String code) {
        assertProblem(400, "INVALID_REQUEST", response.status(), response.header("Content-Type"), response.body());
        assertThat(response.body().get("errors")).as(response.text()).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("code").asText()).isEqualTo(code);
        });
    }

    @Test
    void the_nul_of_the_issue_is_refused_naming_the_field_and_every_projection_keeps_running() {
        Response refused = http().post(C + "/commitments", COMMITMENT.formatted("A\\u0000B", "Coaching"));
        assertFieldRefused(refused, "supplier.name", "TEXT_CONTROL_CHARACTER");

        Response accepted = created(http().post(C + "/commitments", COMMITMENT.formatted("A B", "Coaching")));
        assertThat(accepted.body().get("aeNet").asText()).isEqualTo("100.00");
        Response commitments = http().get(C + "/commitments?asOf=2020-12-31");
        assertThat(commitments.header("X-Projections-Behind")).isNull();
        assertThat(commitments.body()).extracting(line -> line.get("supplierName").asText()).containsExactly("A B");
        Response history = http().get(C + "/history");
        assertThat(history.header("X-Projections-Behind")).isNull();
        assertThat(history.body()).extracting(e -> e.get("type").asText()).contains("AeCommitted");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a tab|A\\tB",
            "a line feed in a name|A\\nB",
            "the escape character|A\\u001bB",
            "DEL|A\\u007fB",
            "a C1 control|A\\u0085B",
            "a right-to-left override|A\\u202eB",
            "a lone surrogate|A\\ud800B"})
    void a_name_with_a_control_character_is_refused(String what, String name) {
        assertFieldRefused(http().post(C + "/commitments", COMMITMENT.formatted(name, "Coaching")),
                "supplier.name", "TEXT_CONTROL_CHARACTER");
    }

    @Test
    void line_breaks_are_accepted_in_free_text_and_recorded_as_sent() {
        Response response = http().post(C + "/commitments", """
                {"ejNumber":"1300000002","amount":"10.00","committedOn":"2020-02-02","supplier":{"name":"Octo"},"object":"Line one\\r\\nLine two"}""");
        created(response);
        Response commitments = http().get(C + "/commitments?asOf=2020-12-31");
        assertThat(commitments.body()).extracting(line -> line.get("object").asText()).contains("Line one\r\nLine two");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/closure|{\"closedOn\":\"2030-01-01\",\"closedOn\":\"2030-01-02\"}|closedOn",
            "/receipts|{\"receiptId\":\"R2\",\"amount\":\"1.00\",\"amount\":\"2.00\",\"receivedOn\":\"2020-02-01\"}|amount",
            "/termination|{\"terminatedOn\":\"2020-03-01\",\"reason\":\"a\",\"reason\":\"b\"}|reason",
            "/restitutions|{\"restitutionId\":\"X\",\"restitutionId\":\"Y\",\"amount\":\"1.00\",\"restitutedOn\":\"2020-03-01\"}|restitutionId",
            "/fund-calls|{\"callId\":\"F1\",\"trancheNumber\":1,\"trancheNumber\":2,\"calledOn\":\"2020-03-01\"}|trancheNumber",
            "/commitments|{\"ejNumber\":\"1300000003\",\"amount\":\"1.00\",\"committedOn\":\"2020-02-01\",\"supplier\":{\"name\":\"a\",\"name\":\"b\"},\"object\":\"o\"}|supplier.name"})
    void a_key_given_twice_is_refused(String path, String body, String field) {
        assertFieldRefused(http().post(C + path, body), field, "DUPLICATE_FIELD");
    }

    @Test
    void content_after_the_json_body_is_refused() {
        Response response = http().post(C + "/closure", "{\"closedOn\":\"2030-01-01\"} {\"closedOn\":\"2030-01-02\"}");
        assertProblem(400, "MALFORMED_REQUEST", response.status(), response.header("Content-Type"), response.body());
        response = http().post(C + "/closure", "{\"closedOn\":\"2030-01-01\"} garbage");
        assertProblem(400, "MALFORMED_REQUEST", response.status(), response.header("Content-Type"), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"receiptId\":true,\"amount\":\"1.00\",\"receivedOn\":\"2020-02-01\"}|receiptId",
            "{\"receiptId\":12,\"amount\":\"1.00\",\"receivedOn\":\"2020-02-01\"}|receiptId",
            "{\"receiptId\":\"R3\",\"amount\":\"1.00\",\"receivedOn\":20200201}|receivedOn",
            "{\"receiptId\":\"R3\",\"amount\":\"1.00\",\"receivedOn\":\"2020-02-01\",\"reference\":1.5}|reference",
            "{\"receiptId\":\"R3\",\"amount\":true,\"receivedOn\":\"2020-02-01\"}|amount",
            "{\"receiptId\":\"R3\",\"amount\":\"1.00\",\"receivedOn\":\"2020-02-01\",\"trancheNumber\":99999999999999999999}|trancheNumber"})
    void a_number_or_a_boolean_is_not_text(String body, String field) {
        assertFieldRefused(http().post(C + "/receipts", body), field, "FIELD_TYPE_INVALID");
    }

    @Test
    void the_release_id_of_the_issue_sent_as_true_is_refused() {
        assertFieldRefused(http().post(C + "/commitments/1300000001/releases", """
                {"releaseId":true,"amount":"1.00","releasedOn":"2020-03-01","reason":"r"}"""), "releaseId", "FIELD_TYPE_INVALID");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+999999999-12-31", "1989-12-31", "2101-01-01", "-0001-01-01"})
    void a_date_outside_1990_to_2100_is_refused(String date) {
        assertFieldRefused(http().post(C + "/receipts", """
                {"receiptId":"R4","amount":"1.00","receivedOn":"%s"}""".formatted(date)), "receivedOn", "DATE_OUT_OF_RANGE");
        Response read = http().get(C + "/balance?asOf=" + date.replace("+", "%2B"));
        assertFieldRefused(read, "asOf", "DATE_OUT_OF_RANGE");
    }

    @Test
    void the_contributor_filter_takes_wildcards_literally_and_refuses_nul() {
        assertThat(http().get("/api/conventions?contributor=%25").body()).extracting(c -> c.get("conventionId").asText())
                .containsExactly("HYG-1");
        assertThat(http().get("/api/conventions?contributor=0%25%20Pau").body()).extracting(c -> c.get("conventionId").asText())
                .containsExactly("HYG-1");
        assertThat(http().get("/api/conventions?contributor=_").body()).extracting(c -> c.get("conventionId").asText())
                .containsExactly("HYG-1");
        assertThat(http().get("/api/conventions?contributor=x%25").body()).isEmpty();
        assertThat(http().get("/api/conventions?contributor=Vi__e").body()).isEmpty();
        assertFieldRefused(http().get("/api/conventions?contributor=%00"), "contributor", "TEXT_CONTROL_CHARACTER");
        assertFieldRefused(http().get("/api/conventions?fundCode=%00"), "fundCode", "TEXT_CONTROL_CHARACTER");
    }

    /** Every error of every path and method is problem+json with a code, whatever the client sends. */
    @ParameterizedTest(name = "{0} {1} -> {4} {5}")
    @CsvSource(delimiter = '|', value = {
            "GET|/api/nothing|||404|NOT_FOUND",
            "GET|/error|||404|NOT_FOUND",
            "POST|/error|application/json|{}|404|NOT_FOUND",
            "DELETE|/error|||404|NOT_FOUND",
            "POST|/api/conventions/HYG-1/balance|application/json|{}|405|METHOD_NOT_ALLOWED",
            "POST|/api/conventions/HYG-1/receipts|text/plain|{}|415|UNSUPPORTED_MEDIA_TYPE",
            "POST|/api/conventions/HYG-1/receipts|*/*|{}|415|UNSUPPORTED_MEDIA_TYPE",
            "POST|/api/conventions/HYG-1/receipts|application/*|{}|415|UNSUPPORTED_MEDIA_TYPE",
            "POST|/api/conventions/HYG-1/receipts|application/json;charset=nonsense|{}|415|UNSUPPORTED_MEDIA_TYPE",
            "POST|/api/conventions/HYG-1/receipts|not a type|{}|415|UNSUPPORTED_MEDIA_TYPE",
            "GET|/api/conventions?contributor=%00|||400|INVALID_REQUEST",
            "GET|/api/conventions?fundCode=%00|||400|INVALID_REQUEST",
            "GET|/api/conventions/A%00B|||400|MALFORMED_REQUEST",
            "GET|/api/conventions/A%ZZB|||400|MALFORMED_REQUEST",
            "GET|/api/conventions/A%2FB|||400|MALFORMED_REQUEST",
            "GET|/api/conventions/A%0AB/balance|||400|MALFORMED_REQUEST",
            "GET|/api/funds/%00|||400|MALFORMED_REQUEST",
            "TRACE|/api/conventions|||400|MALFORMED_REQUEST",
            "GET|/api/con%20ventions?x=%ZZ|||404|NOT_FOUND",
            "POST|/api/conventions/A%01B/receipts|application/json|{}|400|INVALID_REQUEST",
            "GET|/api/conventions/HYG-1/erdas/99999999999|||400|INVALID_REQUEST",
            "GET|/api/conventions/HYG-1/compte-rendu?exercice=x|||400|INVALID_REQUEST"})
    void every_error_is_problem_json_with_a_code(String method, String target, String contentType, String body,
                                                 int status, String code) {
        Answer answer = raw.send(method, target, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body);
        assertProblem(status, code, answer.status(), answer.header("Content-Type"), answer.json());
    }

    @Test
    void a_reader_asking_for_html_gets_406_problem_json() {
        Answer answer = raw.send("GET", C + "/balance", Map.of("Accept", "text/html"), (String) null);
        assertProblem(406, "NOT_ACCEPTABLE", answer.status(), answer.header("Content-Type"), answer.json());
    }

    @Test
    void a_body_that_is_not_utf8_is_refused() {
        byte[] body = "{\"receiptId\":\"R\u00e9\",\"amount\":\"1.00\",\"receivedOn\":\"2020-02-01\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        Answer answer = raw.send("POST", C + "/receipts", Map.of("Content-Type", "application/json"), body);
        assertProblem(400, "MALFORMED_REQUEST", answer.status(), answer.header("Content-Type"), answer.json());
    }

    @Test
    void a_declared_body_over_the_limit_is_413_problem_json() {
        Answer answer = raw.send("POST", C + "/receipts", Map.of("Content-Type", "application/json"),
                new byte[1536 * 1024]);
        assertProblem(413, "PAYLOAD_TOO_LARGE", answer.status(), answer.header("Content-Type"), answer.json());
    }

    @Test
    void an_unauthenticated_request_to_an_unknown_path_is_401_problem_json() {
        Answer answer = new RawHttp(port, null).send("PUT", "/nothing", Map.of(), (String) null);
        assertProblem(401, "UNAUTHENTICATED", answer.status(), answer.header("Content-Type"), answer.json());
    }

    @Test
    void nothing_refused_was_recorded() {
        awaitProjections();
        JsonNode history = http().get(C + "/history").body();
        assertThat(history).extracting(e -> e.get("type").asText())
                .doesNotContain("ConventionClosed", "ConventionTerminated", "FundsRestituted", "FundsCalled");
        assertThat(history).extracting(e -> e.get("type").asText()).filteredOn("PaymentReceived"::equals).hasSize(1);
    }
}

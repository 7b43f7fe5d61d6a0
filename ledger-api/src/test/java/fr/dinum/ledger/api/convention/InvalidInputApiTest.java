package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input is refused with 400, naming each bad field and the check it failed, and
 * nothing is recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidInputApiTest extends ApiTestBase {

    static final String ANCT = "/api/conventions/ANCT-2020-INCUBATEUR";
    static final String VALID_PAYMENT = """
            {"dpNumber":"200000001","ejNumber":"1300000001","amount":"10.00","serviceFaitOn":"2020-09-01","paidOn":"2020-09-02"}""";

    @BeforeAll
    void signAndCommit() {
        assertThat(http().post("/api/conventions", SeedConventions.body("ANCT-2020-INCUBATEUR")).status()).isEqualTo(201);
        assertThat(http().post(ANCT + "/receipts", """
                {"receiptId":"R1","amount":"800000.00","receivedOn":"2020-06-15"}""").status()).isEqualTo(201);
        assertThat(http().post(ANCT + "/credit-openings", """
                {"openingId":"O1","ae":"800000.00","cp":"800000.00","openedOn":"2020-07-01","arreteReference":"A1"}""").status()).isEqualTo(201);
        assertThat(http().post(ANCT + "/commitments", """
                {"ejNumber":"1300000001","amount":"500000.00","committedOn":"2020-07-10","supplier":{"name":"Octo"},"object":"Coaching"}""").status()).isEqualTo(201);
    }

    private static void assertInvalid(Response response, String field, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.code()).isIn("INVALID_REQUEST", "MALFORMED_REQUEST");
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        if (field != null) {
            JsonNode errors = response.body().get("errors");
            assertThat(errors).as(response.text()).anySatisfy(e -> {
                assertThat(e.get("field").asText()).isEqualTo(field);
                assertThat(e.get("code").asText()).isEqualTo(code);
            });
        }
    }

    private String signBody(String search, String replacement) {
        String body = SeedConventions.body("CEREMA-2020-FRICHES");
        assertThat(body).contains(search);
        return body.replace(search, replacement);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "FR7610071690000000100488750|FR7610071690000000100488751|IBAN_CHECKSUM_INVALID",
            "FR7610071690000000100488750|FR76100716900000001004887|IBAN_LENGTH_INVALID",
            "FR7610071690000000100488750|FR76-1007-1690|IBAN_FORMAT_INVALID",
            "FR7610071690000000100488750|FR4930001000640000009244141|RIB_KEY_INVALID"})
    void a_mistyped_iban_is_refused_with_the_check_that_failed(String search, String replacement, String code) {
        Response response = http().post("/api/conventions", signBody(search, replacement));
        assertInvalid(response, "contributor.restitutionAccount.iban", code);
    }

    @Test
    void a_bad_bic_is_refused() {
        assertInvalid(http().post("/api/conventions", signBody("TRPUFRP1", "TRPU1RP1")),
                "contributor.restitutionAccount.bic", "BIC_FORMAT_INVALID");
    }

    @Test
    void a_bad_siren_is_refused() {
        String body = SeedConventions.body("ANCT-2020-INCUBATEUR").replace("130026032", "130026033")
                .replace("ANCT-2020-INCUBATEUR", "ANCT-OTHER");
        assertInvalid(http().post("/api/conventions", body), "contributor.siren", "SIREN_CHECKSUM_INVALID");
    }

    @Test
    void a_bad_siret_is_refused() {
        assertInvalid(http().post(ANCT + "/commitments", """
                {"ejNumber":"1300000002","amount":"1.00","committedOn":"2020-07-10","supplier":{"name":"X","siret":"13002603200017"},"object":"o"}"""),
                "supplier.siret", "SIRET_CHECKSUM_INVALID");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"dpNumber\":\"200000001\"|\"dpNumber\":\"20000001\"|dpNumber|DP_NUMBER_INVALID",
            "\"dpNumber\":\"200000001\"|\"dpNumber\":\"2000000A1\"|dpNumber|DP_NUMBER_INVALID",
            "\"ejNumber\":\"1300000001\"|\"ejNumber\":\"130000001\"|ejNumber|EJ_NUMBER_INVALID",
            "\"amount\":\"10.00\"|\"amount\":\"-10.00\"|amount|AMOUNT_NOT_POSITIVE",
            "\"amount\":\"10.00\"|\"amount\":\"0\"|amount|AMOUNT_NOT_POSITIVE",
            "\"amount\":\"10.00\"|\"amount\":\"10.001\"|amount|AMOUNT_TOO_MANY_DECIMALS",
            "\"amount\":\"10.00\"|\"amount\":10.001|amount|AMOUNT_TOO_MANY_DECIMALS",
            "\"amount\":\"10.00\"|\"amount\":\"dix\"|amount|AMOUNT_NOT_A_NUMBER",
            "\"amount\":\"10.00\"|\"amount\":\"10,00\"|amount|AMOUNT_NOT_A_NUMBER",
            "\"amount\":\"10.00\"|\"amount\":\"1e3\"|amount|AMOUNT_NOT_A_NUMBER",
            "\"amount\":\"10.00\"|\"amount\":\"1000000000000.00\"|amount|AMOUNT_OUT_OF_RANGE",
            "\"amount\":\"10.00\",|| amount|FIELD_REQUIRED",
            "\"paidOn\":\"2020-09-02\"|\"paidOn\":\"02/09/2020\"|paidOn|DATE_INVALID",
            "\"paidOn\":\"2020-09-02\"|\"paidOn\":\"2020-02-30\"|paidOn|DATE_INVALID",
            "\"paidOn\":\"2020-09-02\"|\"paidOn\":\"2020-09-02\",\"payee\":\"x\"|payee|UNKNOWN_FIELD",
            "\"paidOn\":\"2020-09-02\"|\"paidOn\":[1]|paidOn|FIELD_TYPE_INVALID"})
    void a_bad_payment_field_is_refused(String search, String replacement, String field, String code) {
        String body = VALID_PAYMENT.replace(search, replacement == null ? "" : replacement);
        assertInvalid(http().post(ANCT + "/payments", body), field.strip(), code);
    }

    @Test
    void every_bad_field_is_listed_at_once() {
        Response response = http().post(ANCT + "/payments", """
                {"dpNumber":"1","ejNumber":"2","amount":"x","serviceFaitOn":"hier"}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("dpNumber", "ejNumber", "amount", "serviceFaitOn", "paidOn");
    }

    @Test
    void a_json_number_with_two_decimals_is_an_amount() {
        Response response = http().post(ANCT + "/payments", VALID_PAYMENT.replace("\"10.00\"", "10.5"));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.body().get("cpPaid").asText()).isEqualTo("10.50");
    }

    @Test
    void a_body_that_is_not_json_is_refused() {
        assertInvalid(http().post(ANCT + "/payments", "{\"dpNumber\": "), null, null);
        assertInvalid(http().post(ANCT + "/payments", "not json"), null, null);
    }

    @Test
    void a_convention_without_required_terms_is_refused_field_by_field() {
        Response response = http().post("/api/conventions", """
                {"conventionId":"bad id with spaces","tranches":[{"number":1,"amount":"10.00","trigger":"LATER"}],"fundingMode":"GIFT"}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors")).extracting(e -> e.get("field").asText() + ":" + e.get("code").asText())
                .contains("conventionId:IDENTIFIER_INVALID", "title:FIELD_REQUIRED", "contributor:FIELD_REQUIRED",
                        "amount:FIELD_REQUIRED", "fundingMode:VALUE_NOT_ALLOWED", "tranches[0].trigger:VALUE_NOT_ALLOWED",
                        "signedOn:FIELD_REQUIRED", "beneficiary:FIELD_REQUIRED");
    }

    @Test
    void a_tranche_number_that_is_not_a_whole_number_is_refused_not_rounded() {
        assertInvalid(http().post(ANCT + "/receipts", """
                {"receiptId":"R9","amount":"1.00","receivedOn":"2020-06-15","trancheNumber":1.5}"""),
                "trancheNumber", "FIELD_TYPE_INVALID");
        assertInvalid(http().post(ANCT + "/receipts", """
                {"receiptId":"R9","amount":"1.00","receivedOn":"2020-06-15","trancheNumber":"1"}"""),
                "trancheNumber", "FIELD_TYPE_INVALID");
    }

    @Test
    void a_long_free_text_is_recorded_and_projected() {
        String longBop = "B".repeat(300);
        String body = SeedConventions.body("PAU-2020-POUBELLES-BATTLE").replace("0352-CFSE", longBop);
        assertThat(http().post("/api/conventions", body).status()).isEqualTo(201);
        Response read = http().get("/api/conventions/PAU-2020-POUBELLES-BATTLE");
        assertThat(read.header("X-Projections-Behind")).isNull();
        assertThat(read.body().get("terms").get("fund").get("bop").asText()).isEqualTo(longBop);
    }

    @Test
    void a_total_beyond_the_range_of_amounts_is_refused_not_a_500() {
        Response response = http().post("/api/conventions", """
                {"conventionId":"HUGE","title":"t","contributor":{"name":"n","kind":"AUTRE"},"beneficiary":"DINUM",
                 "amount":"999999999999.99","fundingMode":"ADVANCE","signedOn":"2020-01-01",
                 "tranches":[{"number":1,"amount":"999999999999.99","trigger":"ON_SIGNATURE"},
                             {"number":2,"amount":"0.01","trigger":"ON_SIGNATURE"}]}""");
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("AMOUNT_OUT_OF_RANGE");
    }

    @Test
    void a_bad_as_of_date_is_refused() {
        Response response = http().get(ANCT + "/balance?asOf=yesterday");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void nothing_bad_was_recorded() {
        awaitProjections();
        JsonNode history = http().get(ANCT + "/history").body();
        assertThat(history).extracting(e -> e.get("type").asText())
                .doesNotContain("ConventionClosed").contains("ConventionSigned", "PaymentReceived", "AeCommitted");
        assertThat(http().get("/api/conventions").body()).extracting(c -> c.get("conventionId").asText())
                .doesNotContain("HUGE", "CEREMA-2020-FRICHES", "ANCT-OTHER");
    }
}

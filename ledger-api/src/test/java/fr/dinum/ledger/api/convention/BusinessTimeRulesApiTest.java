package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business time over HTTP, on PostgreSQL: a threshold that a fact keyed late shows was reached
 * earlier moves back and lets an appel de fonds dated in between through; a period that covers
 * payments refuses a payment after its end; commitments start at the effective date. Each test
 * works on its own copy of a seed convention.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessTimeRulesApiTest extends ApiTestBase {

    private static void refused(Response response, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.code()).isEqualTo(code);
    }

    /** Signs a copy of a seed convention under another id, with some fields of its body replaced. */
    private String signCopy(String seedId, String copyId, Map<String, String> replacements) {
        String body = SeedConventions.body(seedId).replace(seedId, copyId);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(body).contains(replacement.getKey());
            body = body.replace(replacement.getKey(), replacement.getValue());
        }
        created(http().post("/api/conventions", body));
        return "/api/conventions/" + copyId;
    }

    /** A Cerema copy: 200 000 received and opened in AE and CP, one EJ of 150 000 committed on 12 October 2020. */
    private String ceremaCommitted(String copyId, Map<String, String> replacements) {
        String c = signCopy("CEREMA-2020-FRICHES", copyId, replacements);
        created(http().post(c + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        created(http().post(c + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"200000.00","openedOn":"2020-10-05","arreteReference":"A1"}"""));
        created(http().post(c + "/commitments", """
                {"ejNumber":"1300000101","amount":"150000.00","committedOn":"2020-10-12","supplier":{"name":"Octo"},"object":"Coaching"}"""));
        return c;
    }

    @Test
    void PAYMENT_OUTSIDE_PERIOD_refused_after_the_end_of_a_period_covering_payments_allowed_on_its_last_day() {
        String c = ceremaCommitted("CEREMA-PAYMENTS", Map.of());
        Response late = http().post(c + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2021-05-31","paidOn":"2021-06-01"}""");
        refused(late, "PAYMENT_OUTSIDE_PERIOD");
        assertThat(late.body().get("rule").asText()).contains("serviceFaitOn and paidOn <= endsOn");
        // Allowed: CpPaid of 50 000 on 31 May 2021, the last day of the period.
        Response onTheEnd = created(http().post(c + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2021-05-31","paidOn":"2021-05-31"}"""));
        assertThat(onTheEnd.body().get("cpPaid").asText()).isEqualTo("50000.00");
        assertThat(http().get(c + "/history").body()).extracting(e -> e.get("type").asText()).contains("CpPaid");
    }

    @Test
    void PAYMENT_OUTSIDE_PERIOD_does_not_apply_to_a_period_of_commitments_only_nor_after_an_avenant_extending_it() {
        String commitmentsOnly = ceremaCommitted("CEREMA-COMMITMENTS",
                Map.of("\"COMMITMENTS_AND_PAYMENTS\"", "\"COMMITMENTS\""));
        created(http().post(commitmentsOnly + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2021-06-15","paidOn":"2021-07-01"}"""));

        String extended = ceremaCommitted("CEREMA-EXTENDED", Map.of());
        created(http().post(extended + "/amendments", """
                {"amendmentId":"AV1","signedOn":"2021-04-15","summary":"Prolongation au 31 décembre 2021","endsOn":"2021-12-31"}"""));
        Response paid = created(http().post(extended + "/payments", """
                {"dpNumber":"200000102","ejNumber":"1300000101","amount":"90000.00","serviceFaitOn":"2021-06-30","paidOn":"2021-07-09"}"""));
        assertThat(paid.body().get("cpPaid").asText()).isEqualTo("90000.00");
        // The period now covers a payment of 9 July: an avenant cannot end it before.
        refused(http().post(extended + "/amendments", """
                {"amendmentId":"AV2","signedOn":"2021-07-10","summary":"Fin anticipée","endsOn":"2021-07-08"}"""),
                "PERIOD_INVALID");
    }

    @Test
    void COMMITMENT_OUTSIDE_PERIOD_commitments_start_at_the_effective_date_when_one_is_given() {
        String c = signCopy("CEREMA-2020-FRICHES", "CEREMA-PUBLISHED",
                Map.of("\"endsOn\":\"2021-05-31\"", "\"effectiveOn\":\"2020-10-01\",\"endsOn\":\"2021-05-31\""));
        created(http().post(c + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
        created(http().post(c + "/credit-openings", """
                {"openingId":"O1","ae":"200000.00","cp":"200000.00","openedOn":"2020-09-25","arreteReference":"A1"}"""));
        refused(http().post(c + "/commitments", """
                {"ejNumber":"1300000101","amount":"10.00","committedOn":"2020-09-30","supplier":{"name":"Octo"},"object":"x"}"""),
                "COMMITMENT_OUTSIDE_PERIOD");
        Response committed = created(http().post(c + "/commitments", """
                {"ejNumber":"1300000101","amount":"10.00","committedOn":"2020-10-01","supplier":{"name":"Octo"},"object":"x"}"""));
        assertThat(committed.body().get("aeNet").asText()).isEqualTo("10.00");
    }

    @Test
    void the_terms_say_what_the_period_covers_commitments_when_the_request_does_not() {
        signCopy("CEREMA-2020-FRICHES", "CEREMA-TERMS", Map.of());
        signCopy("PAU-2020-POUBELLES-BATTLE", "PAU-TERMS", Map.of());
        assertThat(http().get("/api/conventions/CEREMA-TERMS").body().get("terms").get("periodCovers").asText())
                .isEqualTo("COMMITMENTS_AND_PAYMENTS");
        assertThat(http().get("/api/conventions/PAU-TERMS").body().get("terms").get("periodCovers").asText())
                .isEqualTo("COMMITMENTS");

        String otherCover = SeedConventions.body("CEREMA-2020-FRICHES").replace("CEREMA-2020-FRICHES", "CEREMA-TERMS")
                .replace("\"COMMITMENTS_AND_PAYMENTS\"", "\"COMMITMENTS\"");
        Response conflict = http().post("/api/conventions", otherCover);
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(conflict.body().get("differingFields")).extracting(JsonNode::asText).containsExactly("periodCovers");

        Response invalid = http().post("/api/conventions", otherCover.replace("CEREMA-TERMS", "CEREMA-BAD")
                .replace("\"COMMITMENTS\"", "\"PAYMENTS\""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors")).extracting(e -> e.get("field").asText() + " " + e.get("code").asText())
                .containsExactly("periodCovers VALUE_NOT_ALLOWED");
    }

    @Test
    void TRANCHE_THRESHOLD_NOT_REACHED_a_late_payment_moves_the_threshold_back_and_lets_an_earlier_call_through() {
        String a = signCopy("ANCT-2020-INCUBATEUR", "ANCT-LATE", Map.of());
        created(http().post(a + "/receipts", """
                {"receiptId":"R1","amount":"800000.00","receivedOn":"2020-06-15","trancheNumber":1}"""));
        created(http().post(a + "/credit-openings", """
                {"openingId":"O1","ae":"800000.00","cp":"800000.00","openedOn":"2020-07-01","arreteReference":"A1"}"""));
        created(http().post(a + "/commitments", """
                {"ejNumber":"1300000301","amount":"800000.00","committedOn":"2020-07-10","supplier":{"name":"Octo"},"object":"Coaching"}"""));
        created(http().post(a + "/payments", """
                {"dpNumber":"200000301","ejNumber":"1300000301","amount":"500000.00","serviceFaitOn":"2020-09-30","paidOn":"2020-10-05"}"""));
        // 500 000 + 100 000 = 600 000 on 20 November: the threshold of tranche 2 is recorded as reached then.
        created(http().post(a + "/payments", """
                {"dpNumber":"200000302","ejNumber":"1300000301","amount":"100000.00","serviceFaitOn":"2020-11-10","paidOn":"2020-11-20"}"""));
        refused(http().post(a + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-10-15"}"""), "TRANCHE_THRESHOLD_NOT_REACHED");

        // Keyed late: 100 000 paid on 10 October. 500 000 + 100 000 = 600 000 on 10 October.
        created(http().post(a + "/payments", """
                {"dpNumber":"200000303","ejNumber":"1300000301","amount":"100000.00","serviceFaitOn":"2020-10-01","paidOn":"2020-10-10"}"""));
        JsonNode threshold = http().get(a).body().get("thresholdsReached").get(0);
        assertFigures(threshold, Map.of("trancheNumber", "2", "reachedOn", "2020-10-10", "consumed", "600000.00"));
        List<JsonNode> history = StreamSupport.stream(http().get(a + "/history").body().spliterator(), false).toList();
        assertThat(history).filteredOn(e -> e.get("type").asText().startsWith("TrancheThreshold"))
                .extracting(e -> e.get("type").asText() + " " + e.get("businessDate").asText())
                .containsExactly("TrancheThresholdReached 2020-11-20", "TrancheThresholdReachedEarlier 2020-10-10");

        refused(http().post(a + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-10-09"}"""), "TRANCHE_THRESHOLD_NOT_REACHED");
        Response called = created(http().post(a + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-10-15"}"""));
        assertThat(called.body().get("nextTranche").get("number").asInt()).isEqualTo(3);
        JsonNode call = http().get(a).body().get("fundCalls").get(0);
        // As of 15 October: 500 000 (5 October) + 100 000 (10 October) paid, in two payments.
        assertFigures(call, Map.of("callId", "AF2", "amount", "400000.00", "calledOn", "2020-10-15",
                "consumed", "600000.00", "paymentCount", "2", "totalPaid", "600000.00"));
    }
}

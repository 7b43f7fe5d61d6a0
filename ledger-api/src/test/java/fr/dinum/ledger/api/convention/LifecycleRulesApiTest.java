package fr.dinum.ledger.api.convention;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle rules through HTTP: each refusal is a 422 naming its rule, each allowed case a 201. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleRulesApiTest extends ApiTestBase {

    static final String ANCT = "/api/conventions/ANCT-2020-INCUBATEUR";
    static final String OISE = "/api/conventions/OISE-2021-ANTI-GASPI";
    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";
    static final String PDC = "/api/conventions/PDC-2020-PREINCUBATION";

    @BeforeAll
    void setUp() {
        for (String id : new String[]{"ANCT-2020-INCUBATEUR", "OISE-2021-ANTI-GASPI", "CEREMA-2020-FRICHES",
                "PDC-2020-PREINCUBATION"}) {
            created(http().post("/api/conventions", SeedConventions.body(id)));
        }
        created(http().post(ANCT + "/receipts", """
                {"receiptId":"R1","amount":"800000.00","receivedOn":"2020-06-15"}"""));
        created(http().post(ANCT + "/credit-openings", """
                {"openingId":"O1","ae":"800000.00","cp":"800000.00","openedOn":"2020-07-01","arreteReference":"A1"}"""));
        created(http().post(ANCT + "/commitments", """
                {"ejNumber":"1300000301","amount":"800000.00","committedOn":"2020-07-10","supplier":{"name":"Octo"},"object":"Coaching"}"""));
        created(http().post(ANCT + "/payments", """
                {"dpNumber":"200000301","ejNumber":"1300000301","amount":"500000.00","serviceFaitOn":"2020-09-30","paidOn":"2020-10-08"}"""));

        created(http().post(OISE + "/receipts", """
                {"receiptId":"R1","amount":"20000.00","receivedOn":"2021-02-01"}"""));
        created(http().post(OISE + "/commitments", """
                {"ejNumber":"2100000001","amount":"12000.00","committedOn":"2021-02-15","supplier":{"name":"Atelier"},"object":"x"}"""));
        created(http().post(OISE + "/termination", """
                {"terminatedOn":"2021-06-30","reason":"Arrêt du projet"}"""));

        created(http().post(CEREMA + "/receipts", """
                {"receiptId":"R1","amount":"200000.00","receivedOn":"2020-09-20"}"""));
    }


    private static void refused(Response response, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.code()).isEqualTo(code);
    }

    @Test
    void TRANCHE_THRESHOLD_NOT_REACHED_then_allowed_once_reached() {
        refused(http().post(ANCT + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-10-09"}"""), "TRANCHE_THRESHOLD_NOT_REACHED");
        refused(http().post(ANCT + "/receipts", """
                {"receiptId":"R2","amount":"400000.00","receivedOn":"2020-10-09","trancheNumber":2}"""), "TRANCHE_NOT_PAYABLE");
        Response crossing = created(http().post(ANCT + "/payments", """
                {"dpNumber":"200000302","ejNumber":"1300000301","amount":"100000.00","serviceFaitOn":"2020-11-30","paidOn":"2020-12-10"}"""));
        assertThat(crossing.body().get("nextTranche").get("number").asInt()).isEqualTo(3);
        refused(http().post(ANCT + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-12-09"}"""), "TRANCHE_THRESHOLD_NOT_REACHED");
        created(http().post(ANCT + "/fund-calls", """
                {"callId":"AF2","trancheNumber":2,"calledOn":"2020-12-15"}"""));
        refused(http().post(ANCT + "/fund-calls", """
                {"callId":"AF2-BIS","trancheNumber":2,"calledOn":"2020-12-16"}"""), "TRANCHE_ALREADY_CALLED");
        refused(http().post(ANCT + "/fund-calls", """
                {"callId":"AF1","trancheNumber":1,"calledOn":"2020-12-16"}"""), "TRANCHE_NOT_CALLABLE");
        refused(http().post(ANCT + "/receipts", """
                {"receiptId":"R2","amount":"400000.01","receivedOn":"2021-01-20","trancheNumber":2}"""), "RECEIPT_EXCEEDS_TRANCHE");
        Response received = created(http().post(ANCT + "/receipts", """
                {"receiptId":"R2","amount":"400000.00","receivedOn":"2021-01-20","trancheNumber":2}"""));
        assertThat(received.body().get("received").asText()).isEqualTo("1200000.00");
        assertThat(http().get(ANCT + "/history").body()).extracting(e -> e.get("type").asText())
                .contains("TrancheThresholdReached", "FundsCalled");
    }

    @Test
    void COMMITMENT_AFTER_TERMINATION_and_restitution_of_what_was_not_committed() {
        refused(http().post(OISE + "/commitments", """
                {"ejNumber":"2100000009","amount":"1.00","committedOn":"2021-06-30","supplier":{"name":"x"},"object":"x"}"""),
                "COMMITMENT_AFTER_TERMINATION");
        Response balance = http().get(OISE + "/balance?asOf=2021-06-30");
        assertThat(balance.body().get("status").asText()).isEqualTo("TERMINATED");
        assertThat(balance.body().get("restitutionDue").asText()).isEqualTo("8000.00");
        refused(http().post(OISE + "/restitutions", """
                {"restitutionId":"S1","amount":"8000.01","restitutedOn":"2021-07-01"}"""), "RESTITUTION_EXCEEDS_DUE");
        refused(http().post(OISE + "/restitutions", """
                {"restitutionId":"S1","amount":"8000.00","restitutedOn":"2021-06-29"}"""), "RESTITUTION_BEFORE_CLOSURE");
        created(http().post(OISE + "/restitutions", """
                {"restitutionId":"S1","amount":"8000.00","restitutedOn":"2021-07-01"}"""));
        assertThat(http().post(OISE + "/termination", """
                {"terminatedOn":"2021-06-30","reason":"Arrêt du projet"}""").status()).isEqualTo(200);
        Response conflict = http().post(OISE + "/termination", """
                {"terminatedOn":"2021-07-30","reason":"Arrêt du projet"}""");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("differingFields").get(0).asText()).isEqualTo("terminatedOn");
    }

    @Test
    void avenant_rules_through_http() {
        refused(http().post(CEREMA + "/amendments", """
                {"amendmentId":"AV0","signedOn":"2021-03-01","summary":"rien"}"""), "AMENDMENT_EMPTY");
        refused(http().post(CEREMA + "/amendments", """
                {"amendmentId":"AV0","signedOn":"2021-03-01","summary":"x","amount":"150000.00",
                 "tranches":[{"number":1,"amount":"150000.00","trigger":"ON_SIGNATURE"}]}"""), "AMENDMENT_BELOW_RECEIVED");
        refused(http().post(CEREMA + "/amendments", """
                {"amendmentId":"AV0","signedOn":"2021-03-01","summary":"x","amount":"250000.00"}"""),
                "TRANCHES_NOT_EQUAL_TO_AMOUNT");
        Response amended = created(http().post(CEREMA + "/amendments", """
                {"amendmentId":"AV1","signedOn":"2021-03-01","summary":"Avenant n°1","amount":"250000.00","endsOn":"2021-12-31",
                 "tranches":[{"number":1,"amount":"200000.00","trigger":"ON_SIGNATURE"},{"number":2,"amount":"50000.00","trigger":"ON_SIGNATURE"}]}"""));
        assertThat(amended.body().get("amount").asText()).isEqualTo("250000.00");
        refused(http().post(CEREMA + "/amendments", """
                {"amendmentId":"AV2","signedOn":"2021-02-01","summary":"x","endsOn":"2022-06-30"}"""), "AMENDMENT_OUT_OF_ORDER");
        assertThat(http().get(CEREMA + "/balance?asOf=2021-02-28").body().get("amount").asText()).isEqualTo("200000.00");
        assertThat(http().get(CEREMA + "/balance?asOf=2021-03-01").body().get("amount").asText()).isEqualTo("250000.00");
    }

    @Test
    void a_reimbursement_closing_tranche_is_called_after_closure_only() {
        refused(http().post(PDC + "/fund-calls", """
                {"callId":"AF1","trancheNumber":1,"calledOn":"2020-09-01"}"""), "TRANCHE_NOT_CALLABLE");
        refused(http().post(PDC + "/receipts", """
                {"receiptId":"R1","amount":"100.00","receivedOn":"2020-09-01"}"""), "NO_PAYABLE_TRANCHE");
        refused(http().post(PDC + "/receipts", """
                {"receiptId":"R1","amount":"100.00","receivedOn":"2020-09-01","trancheNumber":1}"""), "TRANCHE_NOT_PAYABLE");
    }

    @Test
    void bad_lifecycle_input_is_refused_field_by_field() {
        Response call = http().post(ANCT + "/fund-calls", """
                {"callId":"bad id","calledOn":"15/12/2020"}""");
        assertThat(call.status()).isEqualTo(400);
        assertThat(call.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("callId", "trancheNumber", "calledOn");
        Response amendment = http().post(CEREMA + "/amendments", """
                {"amendmentId":"AVX","signedOn":"2021-03-01","amount":"-1","tranches":[{"number":1,"trigger":"SOON"}]}""");
        assertThat(amendment.status()).isEqualTo(400);
        assertThat(amendment.body().get("errors")).extracting(e -> e.get("field").asText())
                .contains("summary", "amount", "tranches[0].amount", "tranches[0].trigger");
        Response termination = http().post(CEREMA + "/termination", "{}");
        assertThat(termination.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("terminatedOn", "reason");
    }
}

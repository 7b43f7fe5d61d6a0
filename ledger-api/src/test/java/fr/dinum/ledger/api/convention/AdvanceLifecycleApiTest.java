package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADVANCE lifecycles of the seed conventions through HTTP on a real PostgreSQL, checked against
 * the figures a budget controller computes by hand, at several business dates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdvanceLifecycleApiTest extends ApiTestBase {

    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";
    static final String OISE = "/api/conventions/OISE-2021-ANTI-GASPI";
    static final String PAU = "/api/conventions/PAU-2020-POUBELLES-BATTLE";

    @BeforeAll
    void recordTheStories() {
        SeedConventions.bodies().forEach((id, body) -> created(http().post("/api/conventions", body)));

        // Cerema: 200 000 received, credits opened in two arrêtés, two EJs, three payments, a release.
        created(http().post(CEREMA + "/receipts", """
                {"receiptId":"CEREMA-R1","amount":"200000.00","receivedOn":"2020-09-20","reference":"Titre 2020-118"}"""));
        created(http().post(CEREMA + "/credit-openings", """
                {"openingId":"ARR-2020-10","ae":"200000.00","cp":"120000.00","openedOn":"2020-10-05","arreteReference":"Arrêté du 5 octobre 2020"}"""));
        created(http().post(CEREMA + "/commitments", """
                {"ejNumber":"1300000101","amount":"120000.00","committedOn":"2020-10-12",
                 "supplier":{"name":"Octo Technology","siret":"13002603200016"},"object":"Coaching produit","marche":"UGAP"}"""));
        created(http().post(CEREMA + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.00","serviceFaitOn":"2020-11-30","paidOn":"2020-12-10"}"""));
        created(http().post(CEREMA + "/commitments", """
                {"ejNumber":"1300000102","amount":"60000.00","committedOn":"2021-01-15","supplier":{"name":"Scopyleft"},"object":"Développement"}"""));
        created(http().post(CEREMA + "/credit-openings", """
                {"openingId":"ARR-2021-02","ae":"0.00","cp":"80000.00","openedOn":"2021-02-01","arreteReference":"Arrêté du 1er février 2021"}"""));
        created(http().post(CEREMA + "/payments", """
                {"dpNumber":"200000102","ejNumber":"1300000101","amount":"70000.00","serviceFaitOn":"2021-02-28","paidOn":"2021-03-10"}"""));
        created(http().post(CEREMA + "/payments", """
                {"dpNumber":"200000103","ejNumber":"1300000102","amount":"45000.00","serviceFaitOn":"2021-04-30","paidOn":"2021-05-15","invoiceReference":"F-2021-044"}"""));
        created(http().post(CEREMA + "/commitments/1300000102/releases", """
                {"releaseId":"CEREMA-L1","amount":"15000.00","releasedOn":"2021-05-31","reason":"Solde de l'EJ"}"""));
        created(http().post(CEREMA + "/closure", """
                {"closedOn":"2021-06-30"}"""));
        created(http().post(CEREMA + "/restitutions", """
                {"restitutionId":"CEREMA-S1","amount":"35000.00","restitutedOn":"2021-07-20","reference":"Reversement au Cerema"}"""));

        // Oise: paid to the ANCT, no fund and no credit opening: consumption against receipts.
        created(http().post(OISE + "/receipts", """
                {"receiptId":"OISE-R1","amount":"20000","receivedOn":"2021-02-01"}"""));
        created(http().post(OISE + "/commitments", """
                {"ejNumber":"2100000001","amount":"15000.00","committedOn":"2021-02-15","supplier":{"name":"Atelier numérique"},"object":"Anti-gaspi"}"""));
        created(http().post(OISE + "/payments", """
                {"dpNumber":"300000001","ejNumber":"2100000001","amount":12000.00,"serviceFaitOn":"2021-06-30","paidOn":"2021-07-05"}"""));
        created(http().post(OISE + "/commitments/2100000001/releases", """
                {"releaseId":"OISE-L1","amount":"3000.00","releasedOn":"2021-09-30","reason":"Fin des travaux"}"""));
        created(http().post(OISE + "/closure", """
                {"closedOn":"2021-10-01"}"""));
        created(http().post(OISE + "/restitutions", """
                {"restitutionId":"OISE-S1","amount":"8000.00","restitutedOn":"2021-11-02"}"""));

        // Pau: everything spent, so the closure settles it at once.
        created(http().post(PAU + "/receipts", """
                {"receiptId":"PAU-R1","amount":"35000.00","receivedOn":"2020-03-16","trancheNumber":1}"""));
        created(http().post(PAU + "/credit-openings", """
                {"openingId":"PAU-O1","ae":"35000.00","cp":"35000.00","openedOn":"2020-04-02","arreteReference":"Arrêté du 2 avril 2020"}"""));
        created(http().post(PAU + "/commitments", """
                {"ejNumber":"1300000201","amount":"35000.00","committedOn":"2020-04-10","supplier":{"name":"Poubelles Battle SAS"},"object":"Accompagnement"}"""));
        created(http().post(PAU + "/payments", """
                {"dpNumber":"200000201","ejNumber":"1300000201","amount":"35000.00","serviceFaitOn":"2020-10-30","paidOn":"2020-11-12"}"""));
        created(http().post(PAU + "/closure", """
                {"closedOn":"2020-12-01"}"""));
        awaitProjections();
    }




    @Test
    void cerema_balance_at_the_end_of_2020() {
        assertFigures(balance(CEREMA, "2020-12-31"), Map.ofEntries(
                Map.entry("status", "ACTIVE"), Map.entry("amount", "200000.00"), Map.entry("received", "200000.00"),
                Map.entry("creditsOpenedAe", "200000.00"), Map.entry("creditsOpenedCp", "120000.00"),
                Map.entry("aeCommitted", "120000.00"), Map.entry("aeReleased", "0.00"), Map.entry("aeNet", "120000.00"),
                Map.entry("cpPaid", "50000.00"), Map.entry("aeAvailable", "80000.00"),
                Map.entry("cpAvailable", "70000.00"), Map.entry("restesAPayer", "70000.00"),
                Map.entry("restituted", "0.00"), Map.entry("restitutionDue", "0.00")));
    }

    @Test
    void cerema_balance_at_the_end_of_its_period() {
        assertFigures(balance(CEREMA, "2021-05-31"), Map.of(
                "creditsOpenedCp", "200000.00", "aeCommitted", "180000.00", "aeReleased", "15000.00",
                "aeNet", "165000.00", "cpPaid", "165000.00", "aeAvailable", "35000.00", "cpAvailable", "35000.00",
                "restesAPayer", "0.00", "status", "ACTIVE"));
    }

    @Test
    void cerema_closure_fixes_the_restitution_due_and_the_restitution_settles_it() {
        assertFigures(balance(CEREMA, "2021-06-30"), Map.of("status", "CLOSED", "restitutionDue", "35000.00",
                "restituted", "0.00"));
        assertFigures(balance(CEREMA, "2021-07-20"), Map.of("status", "SETTLED", "restitutionDue", "0.00",
                "restituted", "35000.00", "received", "200000.00", "cpPaid", "165000.00",
                "aeAvailable", "0.00", "cpAvailable", "0.00"));
    }

    @Test
    void before_the_signature_a_balance_is_all_zero() {
        assertFigures(balance(CEREMA, "2020-01-01"), Map.of("received", "0.00", "cpPaid", "0.00", "status", "ACTIVE"));
    }

    @Test
    void oise_without_a_fund_consumes_against_what_it_received() {
        assertFigures(balance(OISE, "2021-07-31"), Map.of("received", "20000.00", "creditsOpenedAe", "0.00",
                "aeNet", "15000.00", "cpPaid", "12000.00", "aeAvailable", "5000.00", "cpAvailable", "8000.00",
                "restesAPayer", "3000.00"));
        assertFigures(balance(OISE, "2021-10-01"), Map.of("status", "CLOSED", "restitutionDue", "8000.00"));
        assertFigures(balance(OISE, "2021-12-31"), Map.of("status", "SETTLED", "restituted", "8000.00",
                "restitutionDue", "0.00"));
    }

    @Test
    void pau_fully_spent_is_settled_at_closure() {
        assertFigures(balance(PAU, "2020-12-01"), Map.of("status", "SETTLED", "restitutionDue", "0.00",
                "cpPaid", "35000.00"));
        assertFigures(balance(PAU, "2020-11-30"), Map.of("status", "ACTIVE"));
    }

    @Test
    void the_commitments_of_cerema_with_their_figures() {
        JsonNode lines = http().get(CEREMA + "/commitments").body();
        assertThat(lines).hasSize(2);
        assertFigures(lines.get(0), Map.of("ejNumber", "1300000101", "supplierName", "Octo Technology",
                "supplierSiret", "13002603200016", "committed", "120000.00", "paid", "120000.00", "remaining", "0.00"));
        assertFigures(lines.get(1), Map.of("ejNumber", "1300000102", "committed", "60000.00", "released", "15000.00",
                "net", "45000.00", "paid", "45000.00", "remaining", "0.00"));
        JsonNode early = http().get(CEREMA + "/commitments?asOf=2020-12-31").body();
        assertThat(early).hasSize(1);
        assertFigures(early.get(0), Map.of("paid", "50000.00", "remaining", "70000.00"));
    }

    @Test
    void the_history_lists_every_event_in_order_with_its_recording() {
        JsonNode history = http().get(CEREMA + "/history").body();
        assertThat(history).hasSize(14);
        assertThat(history.get(0).get("type").asText()).isEqualTo("ConventionSigned");
        assertThat(history.get(13).get("type").asText()).isEqualTo("ConventionSettled");
        assertThat(history.get(1).get("businessDate").asText()).isEqualTo("2020-09-20");
        assertThat(history.get(1).get("fields").get("amount").asText()).isEqualTo("200000.00");
        for (JsonNode entry : history) {
            assertThat(entry.get("recordedAt").asText()).endsWith("Z");
            assertThat(entry.get("recordedBy").asText()).isNotBlank();
            assertThat(entry.get("correlationId").asText()).isNotBlank();
        }
    }

    @Test
    void the_fund_totals_by_convention_and_by_exercice() {
        JsonNode fund = http().get("/api/funds/1-2-00548?asOf=2021-12-31").body();
        assertThat(fund.get("programme").asText()).isEqualTo("352");
        assertThat(fund.get("bop").asText()).isEqualTo("0352-CFSE");
        // Pau, Cerema, ANCT and Pas-de-Calais are on the fund; the Oise pays the ANCT and is not.
        assertThat(fund.get("conventions")).hasSize(4);
        assertFigures(fund.get("totals"), Map.of("amount", "1844000.00", "received", "235000.00",
                "creditsOpenedAe", "235000.00", "cpPaid", "200000.00", "restituted", "35000.00"));
        JsonNode exercices = fund.get("exercices");
        assertThat(exercices).hasSize(2);
        assertFigures(exercices.get(0), Map.ofEntries(Map.entry("exercice", "2020"), Map.entry("received", "235000.00"),
                Map.entry("aeOpened", "235000.00"), Map.entry("aeConsumed", "155000.00"),
                Map.entry("aeCarriedOver", "80000.00"), Map.entry("cpOpened", "155000.00"),
                Map.entry("cpConsumed", "85000.00"), Map.entry("cpCarriedOver", "70000.00")));
        // 2021, Cerema only: AE consumed = 60 000 committed − 15 000 released = 45 000; the 35 000
        // restituted are cancelled, not consumed: 80 000 + 0 − 45 000 − 35 000 = 0 carried over.
        // CP consumed = 70 000 + 45 000 paid; 70 000 + 80 000 − 115 000 − 35 000 = 0.
        assertFigures(exercices.get(1), Map.ofEntries(Map.entry("exercice", "2021"), Map.entry("aeCarriedIn", "80000.00"),
                Map.entry("aeCommitted", "60000.00"), Map.entry("aeReleased", "15000.00"),
                Map.entry("aeConsumed", "45000.00"), Map.entry("aeCancelled", "35000.00"),
                Map.entry("aeCarriedOver", "0.00"), Map.entry("cpCarriedIn", "70000.00"),
                Map.entry("cpOpened", "80000.00"), Map.entry("cpPaid", "115000.00"),
                Map.entry("cpConsumed", "115000.00"), Map.entry("cpCancelled", "35000.00"),
                Map.entry("cpCarriedOver", "0.00"), Map.entry("restituted", "35000.00")));
        assertFigures(fund.get("credits"), Map.of("aeOpened", "235000.00", "aeConsumed", "200000.00",
                "aeCancelled", "35000.00", "aeCarriedOver", "0.00", "cpOpened", "235000.00",
                "cpConsumed", "200000.00", "cpCancelled", "35000.00", "cpCarriedOver", "0.00"));
    }

    @Test
    void the_programme_totals_over_its_funds() {
        JsonNode programme = http().get("/api/programmes/352?asOf=2021-12-31").body();
        assertThat(programme.get("funds")).hasSize(1);
        assertThat(programme.get("funds").get(0).get("fundCode").asText()).isEqualTo("1-2-00548");
        assertFigures(programme.get("totals"), Map.of("received", "235000.00", "cpPaid", "200000.00"));
        assertThat(http().get("/api/programmes/999").status()).isEqualTo(404);
        assertThat(http().get("/api/funds/9-9-99999").status()).isEqualTo(404);
    }

    @Test
    void the_list_filters_on_status_fund_and_contributor() {
        assertThat(http().get("/api/conventions").body()).hasSize(5);
        JsonNode settled = http().get("/api/conventions?status=SETTLED").body();
        assertThat(settled).extracting(n -> n.get("conventionId").asText())
                .containsExactlyInAnyOrder("CEREMA-2020-FRICHES", "OISE-2021-ANTI-GASPI", "PAU-2020-POUBELLES-BATTLE");
        assertThat(http().get("/api/conventions?fundCode=1-2-00548").body()).hasSize(4);
        assertThat(http().get("/api/conventions?asOf=2020-04-01").body()).extracting(n -> n.get("conventionId").asText())
                .as("only Pau was signed by then").containsExactly("PAU-2020-POUBELLES-BATTLE");
        JsonNode byName = http().get("/api/conventions?contributor=oise").body();
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).get("conventionId").asText()).isEqualTo("OISE-2021-ANTI-GASPI");
    }

    @Test
    void a_convention_shows_its_terms_and_balance() {
        JsonNode anct = http().get("/api/conventions/ANCT-2020-INCUBATEUR").body();
        assertThat(anct.get("terms").get("tranches")).hasSize(3);
        assertThat(anct.get("terms").get("contributor").get("siren").asText()).isEqualTo("130026032");
        assertThat(anct.get("balance").get("nextTranche").get("number").asInt()).isEqualTo(2);
        assertThat(anct.get("balance").get("nextTranche").get("remaining").asText()).isEqualTo("600000.00");
        JsonNode pdc = http().get("/api/conventions/PDC-2020-PREINCUBATION").body();
        assertThat(pdc.get("terms").get("fundingMode").asText()).isEqualTo("REIMBURSEMENT");
        assertThat(pdc.get("balance").get("aeAvailable").asText()).isEqualTo("9000.00");
    }

    @Test
    void an_exact_retry_answers_200_with_the_same_body_and_records_nothing() {
        Response retry = http().post(PAU + "/receipts", """
                {"receiptId":"PAU-R1","amount":"35000.00","receivedOn":"2020-03-16","trancheNumber":1}""");
        assertThat(retry.status()).isEqualTo(200);
        Response again = http().post(PAU + "/receipts", """
                {"receiptId":"PAU-R1","amount":"35000.00","receivedOn":"2020-03-16"}""");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(retry.body());
        assertThat(getAfterProjections(PAU + "/balance").body().get("received").asText()).isEqualTo("35000.00");
        assertThat(http().get(PAU + "/history").body()).as("with the final ERDA issued at closure").hasSize(8);
    }

    @Test
    void the_same_identifier_with_other_fields_is_a_conflict_naming_them() {
        Response conflict = http().post(CEREMA + "/payments", """
                {"dpNumber":"200000101","ejNumber":"1300000101","amount":"50000.01","serviceFaitOn":"2020-11-30","paidOn":"2020-12-11"}""");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("IDENTIFIER_REUSED");
        assertThat(conflict.body().get("differingFields")).extracting(JsonNode::asText)
                .containsExactly("amount", "paidOn");
        Response signAgain = http().post("/api/conventions",
                SeedConventions.body("OISE-2021-ANTI-GASPI").replace("Anti-gaspi", "Anti-gaspillage"));
        assertThat(signAgain.status()).isEqualTo(409);
        assertThat(signAgain.body().get("differingFields")).extracting(JsonNode::asText).containsExactly("title");
    }

    @Test
    void a_refused_rule_is_a_422_naming_it() {
        Response credits = http().post(OISE + "/credit-openings", """
                {"openingId":"X","ae":"1.00","cp":"1.00","openedOn":"2021-03-01","arreteReference":"A"}""");
        assertThat(credits.status()).isEqualTo(422);
        assertThat(credits.code()).isEqualTo("CREDITS_WITHOUT_FUND");
        assertThat(credits.header("Content-Type")).contains("application/problem+json");
        Response afterClosure = http().post(CEREMA + "/receipts", """
                {"receiptId":"LATE","amount":"1.00","receivedOn":"2021-08-01"}""");
        assertThat(afterClosure.status()).isEqualTo(422);
        assertThat(afterClosure.code()).isEqualTo("CONVENTION_CLOSED");
        Response tooMuch = http().post(CEREMA + "/restitutions", """
                {"restitutionId":"CEREMA-S2","amount":"0.01","restitutedOn":"2021-08-01"}""");
        assertThat(tooMuch.code()).isEqualTo("RESTITUTION_EXCEEDS_DUE");
        Response unknownEj = http().post(CEREMA + "/commitments/1399999999/releases", """
                {"releaseId":"L9","amount":"1.00","releasedOn":"2021-05-31","reason":"x"}""");
        assertThat(unknownEj.status()).isEqualTo(422);
        assertThat(unknownEj.code()).isIn("UNKNOWN_COMMITMENT", "CONVENTION_CLOSED");
    }

    @Test
    void an_unknown_convention_is_a_404_for_commands_and_queries() {
        Response command = http().post("/api/conventions/NOPE/receipts", """
                {"receiptId":"R","amount":"1.00","receivedOn":"2021-01-01"}""");
        assertThat(command.status()).isEqualTo(404);
        assertThat(command.code()).isEqualTo("CONVENTION_NOT_FOUND");
        for (String path : new String[]{"", "/balance", "/commitments", "/history"}) {
            assertThat(http().get("/api/conventions/NOPE" + path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void the_correlation_id_of_a_request_is_echoed_and_recorded() {
        Response response = http().post("/api/conventions/ANCT-2020-INCUBATEUR/receipts", """
                {"receiptId":"ANCT-R1","amount":"800000.00","receivedOn":"2020-06-15"}""",
                Map.of("X-Correlation-Id", "ticket-4242"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("X-Correlation-Id")).isEqualTo("ticket-4242");
        JsonNode history = getAfterProjections("/api/conventions/ANCT-2020-INCUBATEUR/history").body();
        assertThat(history.get(history.size() - 1).get("correlationId").asText()).isEqualTo("ticket-4242");
    }

    @Test
    void the_openapi_contract_is_published() {
        Response docs = http().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/conventions/{id}/payments")).isTrue();
        assertThat(http().get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health").status()).isEqualTo(200);
    }
}

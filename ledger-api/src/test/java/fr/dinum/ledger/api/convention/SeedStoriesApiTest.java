package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five seed conventions, each with its own story, sent through HTTP on a real PostgreSQL:
 * Pau (advance, restitution), Oise (résiliation), Cerema (an avenant raising the amount and moving
 * the end date), ANCT (three tranches, both thresholds crossed, two appels de fonds) and
 * Pas-de-Calais (a reimbursement adjusted downwards). The figures were computed by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedStoriesApiTest extends ApiTestBase {

    static final String PAU = "/api/conventions/PAU-2020-POUBELLES-BATTLE";
    static final String OISE = "/api/conventions/OISE-2021-ANTI-GASPI";
    static final String CEREMA = "/api/conventions/CEREMA-2020-FRICHES";
    static final String ANCT = "/api/conventions/ANCT-2020-INCUBATEUR";
    static final String PDC = "/api/conventions/PDC-2020-PREINCUBATION";

    @BeforeAll
    void recordTheStories() {
        for (DemoHistory.Step step : DemoHistory.steps()) {
            Response response = http().post(step.path(), step.body().toString());
            assertThat(response.status()).as(step.path() + " " + step.body() + " -> " + response.text()).isEqualTo(201);
        }
    }



    @Test
    void pau_advance_spent_but_two_thousand_which_are_restituted() {
        assertFigures(balance(PAU, "2020-06-30"), Map.of("status", "ACTIVE", "received", "35000.00",
                "creditsOpenedAe", "35000.00", "creditsOpenedCp", "35000.00", "aeNet", "33500.00", "cpPaid", "0.00",
                "aeAvailable", "1500.00", "cpAvailable", "35000.00", "restesAPayer", "33500.00"));
        // Closed: nothing is available for spending; the 35 000 − 33 000 = 2 000 of AE and CP still
        // opened are due for cancellation with the restitution of the 2 000 not spent.
        assertFigures(balance(PAU, "2020-12-15"), Map.of("status", "CLOSED", "aeNet", "33000.00", "cpPaid", "33000.00",
                "restitutionDue", "2000.00", "aeAvailable", "0.00", "cpAvailable", "0.00", "aeToCancel", "2000.00",
                "cpToCancel", "2000.00", "aeCancelled", "0.00"));
        // The restitution cancels 2 000 of AE and of CP; consumption stays 33 000.
        assertFigures(balance(PAU, "2021-01-20"), Map.of("status", "SETTLED", "restituted", "2000.00",
                "restitutionDue", "0.00", "aeAvailable", "0.00", "cpAvailable", "0.00", "aeCancelled", "2000.00",
                "cpCancelled", "2000.00", "aeToCancel", "0.00", "aeNet", "33000.00", "cpPaid", "33000.00"));
    }

    @Test
    void oise_terminated_restitutes_what_was_not_committed_then_the_last_release() {
        assertFigures(balance(OISE, "2021-05-31"), Map.of("status", "ACTIVE", "received", "20000.00",
                "aeNet", "15000.00", "cpPaid", "9000.00", "aeAvailable", "5000.00", "cpAvailable", "11000.00",
                "restesAPayer", "6000.00", "restitutionDue", "0.00"));
        assertFigures(balance(OISE, "2021-06-30"), Map.of("status", "TERMINATED", "restitutionDue", "5000.00",
                "contributionDue", "0.00"));
        assertFigures(balance(OISE, "2021-07-15"), Map.of("status", "TERMINATED", "restituted", "5000.00",
                "restitutionDue", "0.00", "aeAvailable", "0.00"));
        assertFigures(balance(OISE, "2021-09-15"), Map.of("status", "TERMINATED", "aeNet", "14500.00",
                "cpPaid", "14500.00", "restitutionDue", "500.00", "restesAPayer", "0.00"));
        assertFigures(balance(OISE, "2021-09-30"), Map.of("status", "CLOSED", "restitutionDue", "500.00"));
        assertFigures(balance(OISE, "2021-10-20"), Map.of("status", "SETTLED", "restituted", "5500.00",
                "restitutionDue", "0.00"));
    }

    @Test
    void cerema_follows_its_avenant_from_the_avenant_date() {
        assertFigures(balance(CEREMA, "2020-12-31"), Map.of("amount", "200000.00", "received", "200000.00",
                "creditsOpenedAe", "200000.00", "creditsOpenedCp", "150000.00", "aeNet", "150000.00",
                "cpPaid", "60000.00", "aeAvailable", "50000.00", "cpAvailable", "90000.00", "restesAPayer", "90000.00"));
        assertFigures(balance(CEREMA, "2021-04-14"), Map.of("amount", "200000.00"));
        assertFigures(balance(CEREMA, "2021-04-15"), Map.of("amount", "260000.00", "aeAvailable", "50000.00"));
        assertFigures(balance(CEREMA, "2021-12-31"), Map.ofEntries(Map.entry("status", "ACTIVE"),
                Map.entry("amount", "260000.00"), Map.entry("received", "260000.00"),
                Map.entry("creditsOpenedAe", "260000.00"), Map.entry("creditsOpenedCp", "260000.00"),
                Map.entry("aeCommitted", "250000.00"), Map.entry("aeReleased", "5000.00"), Map.entry("aeNet", "245000.00"),
                Map.entry("cpPaid", "245000.00"), Map.entry("aeAvailable", "15000.00"),
                Map.entry("cpAvailable", "15000.00"), Map.entry("restesAPayer", "0.00")));
        assertFigures(balance(CEREMA, "2022-01-31"), Map.of("status", "CLOSED", "restitutionDue", "15000.00",
                "aeAvailable", "0.00", "aeToCancel", "15000.00", "cpToCancel", "15000.00"));
        assertFigures(balance(CEREMA, "2022-02-28"), Map.of("status", "SETTLED", "restituted", "15000.00",
                "aeCancelled", "15000.00", "cpCancelled", "15000.00", "aeToCancel", "0.00"));

        JsonNode details = http().get(CEREMA).body();
        assertThat(details.get("terms").get("amount").asText()).as("the terms as signed").isEqualTo("200000.00");
        assertThat(details.get("currentSchedule").get("amount").asText()).isEqualTo("260000.00");
        assertThat(details.get("currentSchedule").get("endsOn").asText()).isEqualTo("2021-12-31");
        JsonNode amended = null;
        for (JsonNode entry : http().get(CEREMA + "/history").body()) {
            if (entry.get("type").asText().equals("ConventionAmended")) {
                amended = entry;
            }
        }
        assertThat(amended).as("the avenant is in the history").isNotNull();
        assertThat(amended.get("businessDate").asText()).isEqualTo("2021-04-15");
        assertThat(amended.get("fields").get("before").get("amount").asText()).isEqualTo("200000.00");
        assertThat(amended.get("fields").get("before").get("endsOn").asText()).isEqualTo("2021-05-31");
        assertThat(amended.get("fields").get("after").get("amount").asText()).isEqualTo("260000.00");
        assertThat(amended.get("fields").get("after").get("endsOn").asText()).isEqualTo("2021-12-31");
    }

    @Test
    void anct_crosses_both_thresholds_and_calls_both_tranches() {
        JsonNode before = balance(ANCT, "2020-11-30");
        assertFigures(before, Map.of("received", "800000.00", "aeNet", "800000.00", "cpPaid", "400000.00"));
        assertFigures(before.get("nextTranche"), Map.of("number", "2", "threshold", "600000.00", "basis", "CP",
                "consumed", "400000.00", "remaining", "200000.00"));
        assertFigures(balance(ANCT, "2020-12-31").get("nextTranche"), Map.of("number", "3",
                "threshold", "1000000.00", "consumed", "600000.00", "remaining", "400000.00"));
        JsonNode spring = balance(ANCT, "2021-04-30");
        assertFigures(spring, Map.of("received", "1200000.00", "cpPaid", "1050000.00", "creditsOpenedAe", "1200000.00",
                "aeNet", "1200000.00", "aeAvailable", "0.00", "cpAvailable", "150000.00"));
        assertThat(spring.get("nextTranche")).as("no threshold left").isNull();
        // Closed with 1 600 000 opened and 1 200 000 consumed: 400 000 of AE and CP to cancel.
        assertFigures(balance(ANCT, "2021-07-15"), Map.of("status", "CLOSED", "received", "1600000.00",
                "cpPaid", "1200000.00", "restitutionDue", "400000.00", "aeAvailable", "0.00", "cpAvailable", "0.00",
                "aeToCancel", "400000.00", "cpToCancel", "400000.00"));
        assertFigures(balance(ANCT, "2021-09-01"), Map.of("status", "SETTLED", "restituted", "400000.00",
                "aeCancelled", "400000.00", "cpCancelled", "400000.00", "aeNet", "1200000.00", "cpPaid", "1200000.00"));

        JsonNode details = http().get(ANCT).body();
        assertThat(details.get("thresholdsReached")).hasSize(2);
        assertFigures(details.get("thresholdsReached").get(0), Map.of("trancheNumber", "2", "reachedOn", "2020-12-10",
                "consumed", "600000.00"));
        assertFigures(details.get("thresholdsReached").get(1), Map.of("trancheNumber", "3", "reachedOn", "2021-04-09",
                "consumed", "1050000.00"));
        assertThat(details.get("fundCalls")).hasSize(2);
        assertFigures(details.get("fundCalls").get(0), Map.of("trancheNumber", "2", "amount", "400000.00",
                "calledOn", "2020-12-15", "paymentCount", "3", "totalPaid", "600000.00"));
        assertFigures(details.get("fundCalls").get(1), Map.of("trancheNumber", "3", "amount", "400000.00",
                "calledOn", "2021-04-15", "paymentCount", "6", "totalPaid", "1050000.00"));
    }

    @Test
    void pas_de_calais_reimbursement_is_adjusted_downwards_to_the_expenses_made() {
        assertFigures(balance(PDC, "2020-12-31"), Map.of("status", "ACTIVE", "amount", "9000.00", "received", "0.00",
                "aeNet", "7200.00", "cpPaid", "7200.00", "aeAvailable", "1800.00", "cpAvailable", "1800.00",
                "contributionDue", "7200.00", "restesAPayer", "0.00"));
        assertFigures(balance(PDC, "2021-01-15"), Map.of("status", "CLOSED", "contributionDue", "7200.00",
                "aeAvailable", "0.00", "cpAvailable", "0.00", "aeToCancel", "0.00"));
        assertFigures(balance(PDC, "2021-03-01"), Map.of("status", "SETTLED", "received", "7200.00",
                "contributionDue", "0.00"));
        assertFigures(balance(PDC, "2021-04-01"), Map.of("creditsOpenedAe", "7200.00", "creditsOpenedCp", "7200.00"));
        assertFigures(http().get(PDC).body().get("fundCalls").get(0), Map.of("amount", "7200.00", "calledOn", "2021-01-20"));
    }

    @Test
    void the_fund_totals_match_the_stories() {
        JsonNode fund = http().get("/api/funds/1-2-00548?asOf=2022-12-31").body();
        assertThat(fund.get("conventions")).hasSize(4);
        // Cancelled: Pau 2 000 + Cerema 15 000 + ANCT 400 000 = 417 000 (Pas-de-Calais restituted nothing).
        assertFigures(fund.get("totals"), Map.of("amount", "1904000.00", "received", "1902200.00",
                "creditsOpenedAe", "1902200.00", "cpPaid", "1485200.00", "restituted", "417000.00",
                "aeCancelled", "417000.00", "restesAPayer", "0.00", "restitutionDue", "0.00",
                "contributionDue", "0.00", "aeAvailable", "0.00"));
        JsonNode exercices = fund.get("exercices");
        assertThat(exercices).hasSize(3);
        // 2020. AE opened: Pau 35 000 + Cerema 200 000 + ANCT 800 000. Consumed by the advances:
        // Pau 33 500 − 500 + Cerema 150 000 + ANCT 800 000 = 983 000; the 9 000 − 1 800 = 7 200 of
        // Pas-de-Calais are pre-financed by the programme, not consumed on the fund.
        // Carried over: 1 035 000 − 983 000 = 52 000 (Pau 2 000 + Cerema 50 000).
        // CP opened 35 000 + 150 000 + 800 000 = 985 000; consumed 33 000 + 60 000 + 600 000 = 693 000;
        // carried over 292 000 (Pau 2 000 + Cerema 90 000 + ANCT 200 000).
        assertFigures(exercices.get(0), Map.of("exercice", "2020", "received", "1035000.00", "aeOpened", "1035000.00",
                "aeConsumed", "983000.00", "aePrefinanced", "7200.00", "aeCarriedOver", "52000.00",
                "cpOpened", "985000.00", "cpConsumed", "693000.00", "cpPrefinanced", "7200.00",
                "cpCarriedOver", "292000.00"));
        // 2021. AE: 52 000 + opened (ANCT 800 000 + Cerema 60 000 + Pas-de-Calais 7 200 = 867 200)
        // − consumed (ANCT 400 000 + Cerema 100 000 − 5 000 = 495 000) − cancelled (Pau 2 000 +
        // ANCT 400 000 = 402 000) = 22 200 (Cerema 15 000 + Pas-de-Calais 7 200).
        // CP: 292 000 + (800 000 + 110 000 + 7 200) − (600 000 + 185 000) − 402 000 = 22 200.
        assertFigures(exercices.get(1), Map.of("exercice", "2021", "aeCarriedIn", "52000.00",
                "aeOpened", "867200.00", "aeConsumed", "495000.00", "aeCancelled", "402000.00",
                "aeCarriedOver", "22200.00", "cpCarriedIn", "292000.00", "cpOpened", "917200.00",
                "cpConsumed", "785000.00", "cpCarriedOver", "22200.00"));
        // 2022: Cerema's restitution cancels 15 000; the 7 200 opened on Pas-de-Calais's money
        // reimburse the programme that pre-financed its expenses and stay on the fund.
        assertFigures(exercices.get(2), Map.of("exercice", "2022", "aeCancelled", "15000.00",
                "aeCarriedOver", "7200.00", "cpCancelled", "15000.00", "cpCarriedOver", "7200.00"));
        assertFigures(fund.get("credits"), Map.of("aeOpened", "1902200.00", "aeConsumed", "1478000.00",
                "aePrefinanced", "7200.00", "aeCancelled", "417000.00", "aeCarriedOver", "7200.00",
                "cpOpened", "1902200.00", "cpConsumed", "1478000.00", "cpCancelled", "417000.00",
                "cpCarriedOver", "7200.00"));
        assertThat(http().get("/api/funds/1-2-00548?asOf=2020-05-01").body().get("conventions"))
                .as("only Pau was signed by then").hasSize(1);
        assertFigures(http().get("/api/programmes/352?asOf=2022-12-31").body().get("totals"),
                Map.of("received", "1902200.00", "cpPaid", "1485200.00"));
    }

    @Test
    void statuses_are_shown_and_filtered_at_any_date() {
        assertThat(http().get("/api/conventions?status=SETTLED").body()).hasSize(5);
        JsonNode terminated = http().get("/api/conventions?status=TERMINATED&asOf=2021-07-01").body();
        assertThat(terminated).extracting(n -> n.get("conventionId").asText()).containsExactly("OISE-2021-ANTI-GASPI");
        JsonNode closed = http().get("/api/conventions?status=CLOSED&asOf=2021-08-01").body();
        assertThat(closed).extracting(n -> n.get("conventionId").asText()).containsExactly("ANCT-2020-INCUBATEUR");
    }

    @Test
    void replaying_the_demo_history_records_nothing_twice() {
        for (DemoHistory.Step step : DemoHistory.steps()) {
            Response response = http().post(step.path(), step.body().toString());
            assertThat(response.status()).as(step.path() + " " + response.text()).isEqualTo(200);
        }
        assertFigures(balance(ANCT, "2022-01-01"), Map.of("received", "1600000.00", "cpPaid", "1200000.00"));
    }
}

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
 * Stories of our own, beyond the seeds, sent through HTTP on a real PostgreSQL, each checked against
 * the figures a budget controller computes by hand (the computation is written beside each figure):
 * a convention over three exercices with an avenant raising its amount, a reimbursement held to its
 * ceiling whose contributor paid too much, a termination partly paid, and facts keyed out of order.
 * Each story has a fund of its own so that the fund's figures are the story's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerFiguresApiTest extends ApiTestBase {

    static final String THREE = "/api/conventions/TROIS-EXERCICES-2019";
    static final String REIMBURSED = "/api/conventions/REMBOURSEMENT-2020";
    static final String TERMINATED = "/api/conventions/RESILIATION-2021";
    static final String LATE = "/api/conventions/DESORDRE-2020";

    static String signature(String id, String fundCode, String amount, String mode, String trigger, String signedOn,
                            String endsOn) {
        String fund = fundCode == null ? "" : """
                "fund": {"fundCode": "%s", "programme": "352", "bop": "0352-CFSE"},""".formatted(fundCode);
        return """
                {"conventionId": "%s", "title": "Histoire %s",
                 "contributor": {"name": "Cerema", "kind": "ETABLISSEMENT_PUBLIC",
                   "restitutionAccount": {"holder": "Cerema", "iban": "FR7610071690000000100488750", "bic": "TRPUFRP1"}},
                 "beneficiary": "DINUM", %s "amount": "%s", "fundingMode": "%s",
                 "tranches": [{"number": 1, "amount": "%s", "trigger": "%s"}],
                 "signedOn": "%s", "endsOn": "%s"}""".formatted(id, id, fund, amount, mode, amount, trigger, signedOn,
                endsOn);
    }

    static String commitment(String ej, String amount, String on) {
        return """
                {"ejNumber": "%s", "amount": "%s", "committedOn": "%s", "supplier": {"name": "Octo Technology",
                 "siret": "13002603200016"}, "object": "Développement"}""".formatted(ej, amount, on);
    }

    static String payment(String dp, String ej, String amount, String on) {
        return """
                {"dpNumber": "%s", "ejNumber": "%s", "amount": "%s", "serviceFaitOn": "%s", "paidOn": "%s",
                 "invoiceReference": "F-%s"}""".formatted(dp, ej, amount, on, on, dp);
    }

    static String opening(String id, String ae, String cp, String on) {
        return """
                {"openingId": "%s", "ae": "%s", "cp": "%s", "openedOn": "%s", "arreteReference": "Arrêté %s"}"""
                .formatted(id, ae, cp, on, id);
    }

    static String receipt(String id, String amount, String on, String extra) {
        return """
                {"receiptId": "%s", "amount": "%s", "receivedOn": "%s"%s}""".formatted(id, amount, on, extra);
    }

    @BeforeAll
    void recordTheStories() {
        // Three exercices on fund 1-2-00999: 100 000 signed on 01/03/2019, raised to 130 000 by an
        // avenant on 01/02/2020 (a second tranche of 30 000 payable at once).
        created(http().post("/api/conventions", signature("TROIS-EXERCICES-2019", "1-2-00999", "100000.00",
                "ADVANCE", "ON_SIGNATURE", "2019-03-01", "2021-12-31")));
        created(http().post(THREE + "/receipts", receipt("R1", "100000.00", "2019-03-15", "")));
        created(http().post(THREE + "/credit-openings", opening("O1", "100000.00", "60000.00", "2019-04-01")));
        created(http().post(THREE + "/commitments", commitment("1300009001", "70000.00", "2019-05-01")));
        created(http().post(THREE + "/payments", payment("200009001", "1300009001", "30000.00", "2019-11-30")));
        created(http().post(THREE + "/amendments", """
                {"amendmentId": "AV1", "signedOn": "2020-02-01", "summary": "Deuxième phase", "amount": "130000.00",
                 "tranches": [{"number": 1, "amount": "100000.00", "trigger": "ON_SIGNATURE"},
                              {"number": 2, "amount": "30000.00", "trigger": "ON_SIGNATURE"}]}"""));
        created(http().post(THREE + "/receipts", receipt("R2", "30000.00", "2020-03-01", ", \"trancheNumber\": 2")));
        created(http().post(THREE + "/credit-openings", opening("O2", "30000.00", "50000.00", "2020-03-15")));
        created(http().post(THREE + "/commitments", commitment("1300009002", "50000.00", "2020-04-01")));
        created(http().post(THREE + "/payments", payment("200009002", "1300009001", "40000.00", "2020-06-30")));
        created(http().post(THREE + "/payments", payment("200009003", "1300009002", "20000.00", "2020-10-15")));
        created(http().post(THREE + "/credit-openings", opening("O3", "0.00", "20000.00", "2021-02-01")));
        created(http().post(THREE + "/commitments/1300009002/releases", """
                {"releaseId": "L1", "amount": "10000.00", "releasedOn": "2021-03-01", "reason": "Solde"}"""));
        created(http().post(THREE + "/payments", payment("200009004", "1300009002", "20000.00", "2021-04-01")));
        created(http().post(THREE + "/closure", "{\"closedOn\": \"2021-06-30\"}"));
        created(http().post(THREE + "/restitutions", """
                {"restitutionId": "S1", "amount": "20000.00", "restitutedOn": "2021-07-15"}"""));

        // A reimbursement on fund 1-2-00998, ceiling 10 000, spent to the ceiling in 2020; the
        // contributor then pays 10 500 for the 10 000 called.
        created(http().post("/api/conventions", signature("REMBOURSEMENT-2020", "1-2-00998", "10000.00",
                "REIMBURSEMENT", "ON_CLOSING", "2020-06-01", "2020-12-31")));
        created(http().post(REIMBURSED + "/commitments", commitment("1300008001", "10000.00", "2020-07-01")));
        created(http().post(REIMBURSED + "/payments", payment("200008001", "1300008001", "6000.00", "2020-09-30")));
        created(http().post(REIMBURSED + "/payments", payment("200008002", "1300008001", "4000.00", "2020-12-15")));
        // Held to its ceiling: not a cent more can be committed.
        Response beyond = http().post(REIMBURSED + "/commitments", commitment("1300008002", "0.01", "2020-12-20"));
        assertThat(beyond.status()).as(beyond.text()).isEqualTo(422);
        assertThat(beyond.body().get("code").asText()).isEqualTo("AE_EXCEEDS_AVAILABLE");
        created(http().post(REIMBURSED + "/closure", "{\"closedOn\": \"2021-01-10\"}"));
        created(http().post(REIMBURSED + "/fund-calls", """
                {"callId": "C1", "trancheNumber": 1, "calledOn": "2021-01-15"}"""));

        // A résiliation partly paid, without a fund (the money is spent directly).
        created(http().post("/api/conventions", signature("RESILIATION-2021", null, "50000.00", "ADVANCE",
                "ON_SIGNATURE", "2021-01-10", "2021-12-31")));
        created(http().post(TERMINATED + "/receipts", receipt("R1", "50000.00", "2021-01-20", "")));
        created(http().post(TERMINATED + "/commitments", commitment("1300007001", "30000.00", "2021-02-01")));
        created(http().post(TERMINATED + "/payments", payment("200007001", "1300007001", "10000.00", "2021-05-31")));
        created(http().post(TERMINATED + "/termination", """
                {"terminatedOn": "2021-06-30", "reason": "Projet arrêté"}"""));
        created(http().post(TERMINATED + "/restitutions", """
                {"restitutionId": "S1", "amount": "20000.00", "restitutedOn": "2021-07-10"}"""));
        created(http().post(TERMINATED + "/payments", payment("200007002", "1300007001", "20000.00", "2021-08-31")));
        created(http().post(TERMINATED + "/closure", "{\"closedOn\": \"2021-09-30\"}"));

        // Facts keyed out of order on fund 1-2-00997: the second receipt is keyed first.
        created(http().post("/api/conventions", signature("DESORDRE-2020", "1-2-00997", "50000.00", "ADVANCE",
                "ON_SIGNATURE", "2020-09-01", "2021-12-31")));
        created(http().post(LATE + "/receipts", receipt("R2", "20000.00", "2020-11-01", "")));
    }

    @Test
    void three_exercices_carry_over_what_is_left_and_the_avenant_counts_from_its_date() {
        assertFigures(balance(THREE, "2020-01-31"), Map.of("amount", "100000.00", "received", "100000.00"));
        assertFigures(balance(THREE, "2020-02-01"), Map.of("amount", "130000.00"));
        // 2021-06-30, closed: 130 000 opened in AE and CP, 70 000 + 50 000 − 10 000 = 110 000 net AE,
        // 30 000 + 40 000 + 20 000 + 20 000 = 110 000 paid: 20 000 due back and to cancel.
        assertFigures(balance(THREE, "2021-06-30"), Map.of("status", "CLOSED", "aeNet", "110000.00",
                "cpPaid", "110000.00", "aeAvailable", "0.00", "cpAvailable", "0.00", "aeToCancel", "20000.00",
                "cpToCancel", "20000.00", "restitutionDue", "20000.00"));
        assertFigures(balance(THREE, "2021-07-15"), Map.of("status", "SETTLED", "aeCancelled", "20000.00",
                "cpCancelled", "20000.00", "aeNet", "110000.00", "cpPaid", "110000.00"));

        JsonNode fund = http().get("/api/funds/1-2-00999?asOf=2021-12-31").body();
        JsonNode years = fund.get("exercices");
        assertThat(years).hasSize(3);
        // 2019: AE 0 + 100 000 − 70 000 = 30 000; CP 0 + 60 000 − 30 000 = 30 000.
        assertFigures(years.get(0), Map.of("exercice", "2019", "aeOpened", "100000.00", "aeConsumed", "70000.00",
                "aeCarriedOver", "30000.00", "cpOpened", "60000.00", "cpConsumed", "30000.00",
                "cpCarriedOver", "30000.00"));
        // 2020: AE 30 000 + 30 000 − 50 000 = 10 000; CP 30 000 + 50 000 − (40 000 + 20 000) = 20 000.
        assertFigures(years.get(1), Map.of("exercice", "2020", "aeCarriedIn", "30000.00", "aeOpened", "30000.00",
                "aeConsumed", "50000.00", "aeCarriedOver", "10000.00", "cpCarriedIn", "30000.00",
                "cpOpened", "50000.00", "cpConsumed", "60000.00", "cpCarriedOver", "20000.00"));
        // 2021: the release gives back 10 000 of AE (net AE of the year −10 000); the restitution
        // cancels 20 000: AE 10 000 + 0 + 10 000 − 20 000 = 0; CP 20 000 + 20 000 − 20 000 − 20 000 = 0.
        assertFigures(years.get(2), Map.of("exercice", "2021", "aeCarriedIn", "10000.00", "aeReleased", "10000.00",
                "aeConsumed", "-10000.00", "aeCancelled", "20000.00", "aeCarriedOver", "0.00"));
        assertFigures(years.get(2), Map.of("cpCarriedIn", "20000.00", "cpOpened", "20000.00",
                "cpConsumed", "20000.00", "cpCancelled", "20000.00", "cpCarriedOver", "0.00"));

        // Compte-rendu 2020: restes à payer 70 000 − 30 000 = 40 000 on 1 January (all on the first
        // EJ); on 31 December 120 000 − 90 000 = 30 000 (all on the second).
        JsonNode year2020 = http().get(THREE + "/compte-rendu?exercice=2020").body();
        assertFigures(year2020, Map.of("received", "30000.00", "aeCommitted", "50000.00", "cpPaid", "60000.00",
                "restesAPayerAtStart", "40000.00", "restesAPayerAtEnd", "30000.00", "amount", "130000.00"));
        assertThat(year2020.get("byEj")).hasSize(2);
        assertFigures(year2020.get("byEj").get(0), Map.of("ejNumber", "1300009001", "restesAPayerAtStart",
                "40000.00", "aeCommitted", "0.00", "cpPaid", "40000.00", "restesAPayerAtEnd", "0.00"));
        assertFigures(year2020.get("byEj").get(1), Map.of("ejNumber", "1300009002", "restesAPayerAtStart",
                "0.00", "aeCommitted", "50000.00", "cpPaid", "20000.00", "restesAPayerAtEnd", "30000.00"));
    }

    @Test
    void a_reimbursement_is_held_to_its_ceiling_and_pre_financed_outside_the_fund() {
        // Before the money: 10 000 spent, all of it owed by the contributor, nothing on the fund.
        assertFigures(balance(REIMBURSED, "2020-12-31"), Map.of("aeNet", "10000.00", "cpPaid", "10000.00",
                "aeAvailable", "0.00", "contributionDue", "10000.00"));
        JsonNode fund2020 = http().get("/api/funds/1-2-00998?asOf=2020-12-31").body();
        assertFigures(fund2020.get("exercices").get(0), Map.of("exercice", "2020", "aeConsumed", "0.00",
                "aePrefinanced", "10000.00", "cpPrefinanced", "10000.00", "aeCarriedOver", "0.00",
                "cpCarriedOver", "0.00"));
    }

    @Test
    void money_that_really_arrived_above_what_is_payable_is_recorded_on_request_and_due_back_at_once() {
        // 10 500 for the 10 000 called: refused as a typing error, recorded when it really arrived.
        Response typo = http().post(REIMBURSED + "/receipts", receipt("R1", "10500.00", "2021-03-01", ""));
        assertThat(typo.status()).as(typo.text()).isEqualTo(422);
        assertThat(typo.body().get("code").asText()).isEqualTo("RECEIPTS_EXCEED_AMOUNT");
        created(http().post(REIMBURSED + "/receipts",
                receipt("R1", "10500.00", "2021-03-01", ", \"overpayment\": true")));
        assertFigures(balance(REIMBURSED, "2021-03-01"), Map.of("status", "CLOSED", "received", "10500.00",
                "overpaid", "500.00", "contributionDue", "0.00", "restitutionDue", "500.00"));
        // Credits are opened on the 10 000 that were payable, never on the excess.
        Response tooMuch = http().post(REIMBURSED + "/credit-openings",
                opening("O1", "10000.01", "0.00", "2021-04-01"));
        assertThat(tooMuch.body().get("code").asText()).isEqualTo("AE_OPENED_EXCEEDS_RECEIVED");
        created(http().post(REIMBURSED + "/credit-openings", opening("O1", "10000.00", "10000.00", "2021-04-01")));
        // The excess goes back without cancelling credits; the convention is then settled.
        created(http().post(REIMBURSED + "/restitutions", """
                {"restitutionId": "S1", "amount": "500.00", "restitutedOn": "2021-04-15", "reference": "Trop-perçu"}"""));
        assertFigures(balance(REIMBURSED, "2021-04-15"), Map.of("status", "SETTLED", "restituted", "500.00",
                "restitutionDue", "0.00", "aeCancelled", "0.00", "cpCancelled", "0.00"));
        // The fund: 10 000 opened in 2021 reimburse the programme and are carried over.
        JsonNode fund = http().get("/api/funds/1-2-00998?asOf=2021-12-31").body();
        assertFigures(fund.get("exercices").get(1), Map.of("exercice", "2021", "received", "10500.00",
                "aeOpened", "10000.00", "aeCancelled", "0.00", "aeCarriedOver", "10000.00",
                "cpCarriedOver", "10000.00"));
        JsonNode compteRendu = http().get(REIMBURSED + "/compte-rendu?exercice=2021").body();
        assertFigures(compteRendu, Map.of("received", "10500.00", "overpaid", "500.00", "restituted", "500.00",
                "restitutionDue", "0.00"));
    }

    @Test
    void a_termination_partly_paid_liquidates_on_the_commitments_and_gives_back_the_rest() {
        // Terminated on 30/06/2021: liquidated on net AE 30 000; 50 000 − 30 000 = 20 000 due back.
        assertFigures(balance(TERMINATED, "2021-06-30"), Map.of("status", "TERMINATED", "aeNet", "30000.00",
                "cpPaid", "10000.00", "restesAPayer", "20000.00", "restitutionDue", "20000.00",
                "contributionDue", "0.00"));
        // Without a fund the money itself is the credit: giving back 20 000 cancels 20 000.
        assertFigures(balance(TERMINATED, "2021-07-10"), Map.of("restituted", "20000.00", "aeCancelled", "20000.00",
                "restitutionDue", "0.00", "aeAvailable", "0.00", "cpAvailable", "20000.00"));
        // The remaining payment, then the closure with nothing due: settled at once.
        assertFigures(balance(TERMINATED, "2021-09-30"), Map.of("status", "SETTLED", "aeNet", "30000.00",
                "cpPaid", "30000.00", "restesAPayer", "0.00", "restitutionDue", "0.00", "aeToCancel", "0.00"));
        JsonNode term = http().get(TERMINATED + "/compte-rendu").body();
        assertThat(term.get("to").asText()).isEqualTo("2021-09-30");
        // Credits of the term: 50 000 received (no fund) − 30 000 consumed − 20 000 cancelled = 0.
        assertFigures(term.get("credits"), Map.of("aeOpened", "50000.00", "aeConsumed", "30000.00",
                "aeCancelled", "20000.00", "aeCarriedOver", "0.00", "cpConsumed", "30000.00",
                "cpCarriedOver", "0.00"));
    }

    @Test
    void facts_keyed_out_of_order_are_checked_and_reported_in_business_time() {
        // Only the receipt of 01/11 is keyed: credits dated 01/10 would exceed what was received then.
        Response early = http().post(LATE + "/credit-openings", opening("O1", "30000.00", "30000.00", "2020-10-01"));
        assertThat(early.status()).as(early.text()).isEqualTo(422);
        assertThat(early.body().get("code").asText()).isEqualTo("AE_OPENED_EXCEEDS_RECEIVED");
        // The receipt of 15/09, keyed late, makes them possible.
        created(http().post(LATE + "/receipts", receipt("R1", "30000.00", "2020-09-15", "")));
        created(http().post(LATE + "/credit-openings", opening("O1", "30000.00", "30000.00", "2020-10-01")));
        assertFigures(balance(LATE, "2020-10-31"), Map.of("received", "30000.00", "creditsOpenedAe", "30000.00",
                "aeAvailable", "30000.00"));
        assertFigures(balance(LATE, "2020-11-30"), Map.of("received", "50000.00", "aeAvailable", "30000.00"));
        assertFigures(http().get("/api/funds/1-2-00997?asOf=2020-12-31").body().get("exercices").get(0),
                Map.of("received", "50000.00", "aeOpened", "30000.00", "aeCarriedOver", "30000.00"));
    }
}

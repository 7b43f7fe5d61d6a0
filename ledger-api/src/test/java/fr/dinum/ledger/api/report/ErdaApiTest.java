package fr.dinum.ledger.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.convention.DemoHistory;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ERDAs in business time and across canonical formats, over HTTP on PostgreSQL: a team keying its
 * 2020–2021 history records the real dates of issue and signature; an ERDA issued under the first
 * canonical format (an event stored before the format was recorded) still verifies, and one whose
 * facts no longer match its hash is refused.
 */
class ErdaApiTest extends ApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    /** A Cerema-like convention with 200 000 received and opened, one EJ of 150 000 and one payment. */
    private String convention(String id) {
        String path = "/api/conventions/" + id;
        created(http().post("/api/conventions", SeedConventions.body("CEREMA-2020-FRICHES").replace("CEREMA-2020-FRICHES", id)));
        created(http().post(path + "/receipts", "{\"receiptId\":\"R1\",\"amount\":\"200000.00\",\"receivedOn\":\"2020-09-20\"}"));
        created(http().post(path + "/credit-openings", "{\"openingId\":\"O1\",\"ae\":\"200000.00\",\"cp\":\"200000.00\",\"openedOn\":\"2020-10-01\",\"arreteReference\":\"A\"}"));
        created(http().post(path + "/commitments", "{\"ejNumber\":\"1300000001\",\"amount\":\"150000.00\",\"committedOn\":\"2020-10-02\",\"supplier\":{\"name\":\"Octo\"},\"object\":\"Coaching\"}"));
        created(http().post(path + "/payments", "{\"dpNumber\":\"200000001\",\"ejNumber\":\"1300000001\",\"amount\":\"45678.90\",\"serviceFaitOn\":\"2020-11-02\",\"paidOn\":\"2020-11-03\",\"invoiceReference\":\"FAC-2020-118\"}"));
        return path;
    }

    @Test
    void a_team_keying_its_2020_2021_history_records_the_real_dates_of_issue_and_signature() throws Exception {
        String path = convention("HIST-2020");
        Http ordonnateur = http().as(Http.basic("ordonnateur", TestUsers.PASSWORD));
        Http comptable = http().as(Http.basic("comptable", TestUsers.PASSWORD));

        Http.Response issued = created(http().post(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"2021-01-15\"}"));
        assertThat(issued.body().get("issuedOn").asText()).isEqualTo("2021-01-15");
        assertThat(issued.body().get("issued").asBoolean()).isTrue();
        int number = issued.body().get("number").asInt();

        Http.Response early = comptable.post(path + "/erdas/" + number + "/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"M. Comptable\",\"signedOn\":\"2021-01-14\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("ERDA_SIGNED_BEFORE_ISSUE");
        created(ordonnateur.post(path + "/erdas/" + number + "/signatures",
                "{\"role\":\"ORDONNATEUR\",\"signer\":\"Mme Ordonnatrice\",\"signedOn\":\"2021-01-18\"}"));
        JsonNode signed = created(comptable.post(path + "/erdas/" + number + "/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"M. Comptable\",\"signedOn\":\"2021-01-20\"}")).body();
        assertThat(signed.get("signatures").findValuesAsText("signedOn")).containsExactly("2021-01-18", "2021-01-20");

        JsonNode list = http().get(path + "/erdas").body();
        assertThat(list.get(0).get("issuedOn").asText()).isEqualTo("2021-01-15");
        HttpResponse<byte[]> pdf = http().download(path + "/erdas/" + number + "?format=pdf", Map.of());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replace('\u00A0', ' ').replaceAll("\\s+", " ");
            assertThat(text).contains("émis le 15/01/2021", "le 18/01/2021", "le 20/01/2021").doesNotContain("PROJET");
            // The invoice reference may wrap in its narrow column.
            assertThat(text.replace(" ", "")).contains("FAC-2020-118");
        }
    }

    @Test
    void ERDA_ISSUED_BEFORE_AS_OF_refused_before_as_of_allowed_on_it_and_never_in_the_future() {
        String path = convention("DATES-2020");

        Http.Response before = http().post(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"2020-12-30\"}");
        assertThat(before.status()).isEqualTo(422);
        assertThat(before.code()).isEqualTo("ERDA_ISSUED_BEFORE_AS_OF");
        Http.Response future = http().post(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"2099-01-01\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("BUSINESS_DATE_IN_FUTURE");
        Http.Response malformed = http().post(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"15/01/2021\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("INVALID_REQUEST");

        JsonNode onAsOf = created(http().post(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"2020-12-31\"}")).body();
        assertThat(onAsOf.get("issuedOn").asText()).isEqualTo("2020-12-31");
        assertThat(onAsOf.get("canonicalFormat").asText()).isEqualTo("V2");
        JsonNode today = created(http().post(path + "/erdas", "{\"asOf\":\"2021-01-31\"}")).body();
        assertThat(today.get("issuedOn").asText()).as("today when absent")
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString());
    }

    @Test
    void the_pas_de_calais_reimbursement_erda_says_what_the_department_owes() throws Exception {
        for (DemoHistory.Step step : DemoHistory.steps()) {
            if (step.conventionId().equals("PDC-2020-PREINCUBATION")) {
                assertThat(http().post(step.path(), step.body().toString()).status()).as(step.path()).isEqualTo(201);
            }
        }
        String pdc = "/api/conventions/PDC-2020-PREINCUBATION";
        // The final ERDA issued by the closure on 15 January 2021: 9 000 committed, 1 800 released,
        // 4 000 + 3 200 paid, nothing received yet.
        JsonNode content = http().get(pdc + "/erdas/1").body().get("content");
        assertThat(content.get("fundingMode").asText()).isEqualTo("REIMBURSEMENT");
        assertFigures(content, Map.of("totalAeCommitted", "9000.00", "totalAeReleased", "1800.00",
                "totalAeNet", "7200.00", "totalPaid", "7200.00", "totalRestesAPayer", "0.00", "received", "0.00",
                // min(ceiling 9 000, CP paid 7 200) - received 0.
                "contributionDue", "7200.00"));
        HttpResponse<byte[]> pdf = http().download(pdc + "/erdas/1?format=pdf", Map.of());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document).replace('\u00A0', ' ').replaceAll("\\s+", " ");
            assertThat(text).contains("Montant dû par la partie versante",
                    "Au 15/01/2021, Département du Pas-de-Calais doit 7 200,00 €");
        }
        // Once the 7 200 arrived on 1 March 2021, nothing is owed: min(9 000, 7 200) - 7 200.
        assertThat(http().get(pdc + "/erda?asOf=2021-03-01").body().get("content").get("contributionDue").asText())
                .isEqualTo("0.00");
    }

    /**
     * The first canonical format, written out here from its definition rather than taken from the
     * code: one key=value line per header field, one "|"-separated line per payment with the gross
     * AE of its EJ and the running total, then the totals.
     */
    private static final String V1_TEXT = """
            ERDA-CANONICAL-V1
            conventionId=V1-2020
            title=Revitalisation des friches
            contributorName=Cerema
            contributorSiren=
            beneficiary=DINUM
            fundCode=1-2-00548
            programme=352
            bop=0352-CFSE
            periodStart=2020-09-03
            periodEnd=2021-05-31
            asOf=2020-12-31
            final=false
            line=2020|1300000001|Octo||Coaching|2020-10-02|150000.00|200000001|2020-11-02|2020-11-03|45678.90|45678.90
            totalAe=150000.00
            totalPaid=45678.90
            received=200000.00
            restituted=0.00
            balance=154321.10
            """;

    @Test
    void an_erda_issued_under_the_first_canonical_format_still_verifies_and_an_altered_one_is_refused() throws Exception {
        String path = convention("V1-2020");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(V1_TEXT.getBytes(StandardCharsets.UTF_8)));
        // ERDA 1 as the code of the first format stored it: revision 1, without canonicalFormat.
        appendRevision1ErdaIssued("V1-2020", 1, sha);

        JsonNode erda = getAfterProjections(path + "/erdas/1").body();
        assertThat(erda.get("sha256").asText()).isEqualTo(sha);
        assertThat(erda.get("canonicalFormat").asText()).isEqualTo("V1");
        assertThat(erda.get("issuedOn").asText()).isEqualTo("2021-01-10");
        assertThat(ReportsApiTest.payments(erda.get("content"))).isEqualTo(1);
        // The aggregate reads it through the upcaster too: asked again, it is the ERDA already issued.
        Http.Response again = postRetryingAConflict(path + "/erdas", "{\"asOf\":\"2020-12-31\",\"issuedOn\":\"2021-02-01\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("number").asInt()).isEqualTo(1);
        // A new one is issued under the current format.
        JsonNode next = created(http().post(path + "/erdas", "{\"asOf\":\"2021-01-31\",\"issuedOn\":\"2021-02-01\"}")).body();
        assertThat(next.get("number").asInt()).isEqualTo(2);
        assertThat(next.get("canonicalFormat").asText()).isEqualTo("V2");

        // An ERDA whose recorded hash its facts do not give: answered as an integrity failure, never shown.
        appendRevision1ErdaIssued("V1-2020", 3, "0".repeat(64));
        Http.Response altered = getAfterProjections(path + "/erdas/3");
        assertThat(altered.status()).isEqualTo(500);
        assertThat(altered.code()).isEqualTo("ERDA_INTEGRITY_FAILED");
    }

    /** Appends an ErdaIssued of revision 1 (as stored before issue 9) after the convention's last event. */
    private void appendRevision1ErdaIssued(String conventionId, int number, String sha256) {
        String payload = """
                {"conventionId":"%s","number":%d,"asOf":"2020-12-31","finalErda":false,"issuedOn":"2021-01-10",\
                "paymentCount":1,"totalPaid":"45678.90","received":"200000.00","sha256":"%s"}"""
                .formatted(conventionId, number, sha256);
        int inserted = jdbc.update("""
                        insert into domain_event_entry (global_index, sequence_number, meta_data, payload,
                            aggregate_identifier, event_identifier, payload_revision, payload_type, time_stamp, type)
                        select nextval('domain_event_entry_seq'), max(sequence_number) + 1, convert_to('{}', 'UTF8'),
                            convert_to(?, 'UTF8'), aggregate_identifier, ?, '1', ?, '2021-01-10T09:00:00Z', max(type)
                        from domain_event_entry where aggregate_identifier = ? group by aggregate_identifier""",
                payload, UUID.randomUUID().toString(),
                "fr.dinum.ledger.domain.convention.ConventionEvent$ErdaIssued", conventionId);
        assertThat(inserted).isEqualTo(1);
    }
}

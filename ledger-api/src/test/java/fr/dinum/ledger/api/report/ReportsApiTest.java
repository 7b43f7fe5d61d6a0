package fr.dinum.ledger.api.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.miachm.sods.Range;
import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;
import fr.dinum.ledger.api.convention.DemoHistory;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import fr.dinum.ledger.api.support.TestUsers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ERDAs and comptes-rendus through HTTP: the ANCT story's two appels de fonds and its closure each
 * issue an ERDA; each format is read back by a parser and its total checked against the balance;
 * an issued ERDA reads the same after new payments; each role signs once and only its own side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest extends ApiTestBase {

    static final String ANCT = "/api/conventions/ANCT-2020-INCUBATEUR";
    static final String LIVE = "/api/conventions/LIVE-2020";

    @BeforeAll
    void record() {
        for (DemoHistory.Step step : DemoHistory.steps()) {
            if (step.conventionId().equals("ANCT-2020-INCUBATEUR")) {
                assertThat(http().post(step.path(), step.body().toString()).status()).isEqualTo(201);
            }
        }
        String live = SeedConventions.body("CEREMA-2020-FRICHES").replace("CEREMA-2020-FRICHES", "LIVE-2020");
        assertThat(http().post("/api/conventions", live).status()).isEqualTo(201);
        http().post(LIVE + "/receipts", "{\"receiptId\":\"R1\",\"amount\":\"200000.00\",\"receivedOn\":\"2020-09-20\"}");
        http().post(LIVE + "/credit-openings", "{\"openingId\":\"O1\",\"ae\":\"200000.00\",\"cp\":\"200000.00\",\"openedOn\":\"2020-10-01\",\"arreteReference\":\"A\"}");
        http().post(LIVE + "/commitments", "{\"ejNumber\":\"1300000001\",\"amount\":\"150000.00\",\"committedOn\":\"2020-10-02\",\"supplier\":{\"name\":\"Fournisseur ; \\\"guillemets\\\" <b>\",\"siret\":\"13002603200016\"},\"object\":\"Objet | spécial\"}");
        assertThat(http().post(LIVE + "/payments", "{\"dpNumber\":\"200000001\",\"ejNumber\":\"1300000001\",\"amount\":\"1234567.89\",\"serviceFaitOn\":\"2020-11-02\",\"paidOn\":\"2020-11-03\"}").status()).isEqualTo(422);
        assertThat(http().post(LIVE + "/payments", "{\"dpNumber\":\"200000001\",\"ejNumber\":\"1300000001\",\"amount\":\"45678.90\",\"serviceFaitOn\":\"2020-11-02\",\"paidOn\":\"2020-11-03\"}").status()).isEqualTo(201);
    }

    private byte[] download(String path, Map<String, String> headers) {
        HttpResponse<byte[]> response = http().download(path, headers);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private BigDecimal cpPaid(String convention, String asOf) {
        return new BigDecimal(http().get(convention + "/balance?asOf=" + asOf).body().get("cpPaid").asText());
    }

    @Test
    void the_anct_story_issued_an_erda_with_each_appel_de_fonds_and_a_final_one_at_closure() {
        JsonNode issued = http().get(ANCT + "/erdas").body();
        assertThat(issued).hasSize(3);
        assertThat(issued.get(0).get("asOf").asText()).isEqualTo("2020-12-15");
        assertThat(issued.get(0).get("paymentCount").asInt()).isEqualTo(3);
        assertThat(issued.get(1).get("asOf").asText()).isEqualTo("2021-04-15");
        assertThat(issued.get(1).get("totalPaid").asText()).isEqualTo("1050000.00");
        assertThat(issued.get(2).get("finalErda").asBoolean()).isTrue();
        assertThat(issued.get(2).get("asOf").asText()).isEqualTo("2021-07-15");
        JsonNode calls = http().get(ANCT).body().get("fundCalls");
        assertThat(calls.get(0).get("erdaNumber").asInt()).isEqualTo(1);
        assertThat(calls.get(1).get("erdaNumber").asInt()).isEqualTo(2);

        JsonNode finalErda = http().get(ANCT + "/erdas/3").body();
        assertThat(finalErda.get("issued").asBoolean()).as("serialised as 'issued', not 'sued'").isTrue();
        assertThat(finalErda.has("sued")).isFalse();
        assertThat(finalErda.get("canonicalFormat").asText()).isEqualTo("V2");
        JsonNode content = finalErda.get("content");
        assertThat(payments(content)).isEqualTo(7);
        assertThat(content.get("totalPaid").asText()).isEqualTo("1200000.00");
        // Each amount adds up to its total: the EJ lines to the net AE, their payments to the total paid.
        BigDecimal aeNet = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode ej : content.get("commitments")) {
            aeNet = aeNet.add(new BigDecimal(ej.get("aeNet").asText()));
            for (JsonNode dp : ej.get("payments")) {
                paid = paid.add(new BigDecimal(dp.get("amount").asText()));
            }
        }
        assertThat(aeNet).isEqualByComparingTo(new BigDecimal(content.get("totalAeNet").asText()))
                .isEqualByComparingTo(new BigDecimal(balance(ANCT, "2021-07-15").get("aeNet").asText()));
        assertThat(paid).isEqualByComparingTo(new BigDecimal("1200000.00"));
        assertThat(finalErda.get("sha256").asText()).matches("[0-9a-f]{64}");
        JsonNode live = http().get(ANCT + "/erda?asOf=2021-07-15").body();
        assertThat(live.get("issued").asBoolean()).isFalse();
        assertThat(live.hasNonNull("number")).isFalse();
    }

    @Test
    void the_csv_is_french_and_adds_up_to_the_balance() throws Exception {
        byte[] csv = download(ANCT + "/erdas/3?format=csv", Map.of());
        assertThat(csv[0] & 0xFF).as("UTF-8 BOM").isEqualTo(0xEF);
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(new ByteArrayInputStream(csv, 3, csv.length - 3),
                StandardCharsets.UTF_8), CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.stream().filter(r -> r.get("ligne").equals("DP"))).hasSize(7);
            assertThat(records.get(0).get("ligne")).isEqualTo("EJ");
            assertThat(column(records, "montant payé")).isEqualByComparingTo(cpPaid(ANCT, "2021-07-15"));
            assertThat(column(records, "AE nettes"))
                    .isEqualByComparingTo(new BigDecimal(balance(ANCT, "2021-07-15").get("aeNet").asText()));
            assertThat(records.get(1).get("date de paiement")).isEqualTo("08/10/2020");
        }
        byte[] quoted = download(LIVE + "/erda?asOf=2020-12-31&format=csv", Map.of());
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(new ByteArrayInputStream(quoted, 3, quoted.length - 3),
                StandardCharsets.UTF_8), CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> lines = parser.getRecords();
            assertThat(lines.get(0).get("fournisseur")).isEqualTo("Fournisseur ; \"guillemets\" <b>");
            assertThat(lines.get(0).get("AE nettes")).isEqualTo("150000,00");
            assertThat(lines.get(1).get("montant payé")).isEqualTo("45678,90");
            assertThat(lines.get(1).get("AE nettes")).as("the AE is shown once, on the EJ line").isEmpty();
        }
    }

    @Test
    void the_pdf_shows_the_amounts_the_french_way_the_hash_and_the_signature_blocks() throws Exception {
        byte[] pdf = download(ANCT + "/erdas/2", Map.of("Accept", "application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replace('\u00A0', ' ').replace('\u202F', ' ');
            assertThat(text).contains("État récapitulatif des dépenses acceptées", "ANCT-2020-INCUBATEUR",
                    "1 050 000,00 €", "15/04/2021", http().get(ANCT + "/erdas/2").body().get("sha256").asText(),
                    "page 1 / ", "ordonnateur", "comptable assignataire");
        }
    }

    @Test
    void the_spreadsheets_have_numeric_cells_that_add_up() throws Exception {
        BigDecimal paid = cpPaid(ANCT, "2021-07-15");
        BigDecimal aeNet = new BigDecimal(balance(ANCT, "2021-07-15").get("aeNet").asText());
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(download(ANCT + "/erdas/3?format=xlsx", Map.of())))) {
            List<Row> rows = workbook.getFirstSheet().read();
            int paidColumn = -1;
            int netColumn = -1;
            BigDecimal paidSum = BigDecimal.ZERO;
            BigDecimal netSum = BigDecimal.ZERO;
            BigDecimal paidTotal = null;
            for (Row row : rows) {
                for (Cell cell : row) {
                    if (cell != null && cell.getType() == CellType.STRING && "Montant payé".equals(cell.getRawValue())) {
                        paidColumn = cell.getColumnIndex();
                    }
                    if (cell != null && cell.getType() == CellType.STRING && "AE nettes".equals(cell.getRawValue())) {
                        netColumn = cell.getColumnIndex();
                    }
                }
                String kind = row.getCellCount() == 0 || row.getCell(0) == null ? "" : row.getCellText(0);
                if (kind.equals("DP")) {
                    paidSum = paidSum.add(row.getCell(paidColumn).asNumber());
                } else if (kind.equals("EJ")) {
                    netSum = netSum.add(row.getCell(netColumn).asNumber());
                } else if (kind.equals("Total")) {
                    paidTotal = row.getCell(paidColumn).asNumber();
                }
            }
            assertThat(paidColumn).as("a 'Montant payé' column").isNotNegative();
            assertThat(paidSum).isEqualByComparingTo(paid).isEqualByComparingTo(paidTotal);
            assertThat(netSum).isEqualByComparingTo(aeNet);
        }
        SpreadSheet ods = new SpreadSheet(new ByteArrayInputStream(download(ANCT + "/erdas/3?format=ods", Map.of())));
        Sheet sheet = ods.getSheet(0);
        Range all = sheet.getDataRange();
        int paidColumn = -1;
        for (int r = 0; r < all.getNumRows() && paidColumn < 0; r++) {
            for (int c = 0; c < all.getNumColumns(); c++) {
                if ("Montant payé".equals(sheet.getRange(r, c).getValue())) {
                    paidColumn = c;
                }
            }
        }
        int payments = 0;
        BigDecimal odsSum = BigDecimal.ZERO;
        for (int r = 0; r < all.getNumRows(); r++) {
            Object value = sheet.getRange(r, paidColumn).getValue();
            if ("DP".equals(sheet.getRange(r, 0).getValue()) && value instanceof Number number) {
                odsSum = odsSum.add(new BigDecimal(number.toString()));
                payments++;
            }
        }
        assertThat(payments).isEqualTo(7);
        assertThat(odsSum).isEqualByComparingTo(paid);
    }

    /** The number of payments of an ERDA's content, over its EJs. */
    static int payments(JsonNode content) {
        int count = 0;
        for (JsonNode ej : content.get("commitments")) {
            count += ej.get("payments").size();
        }
        return count;
    }

    /** The sum of a CSV amount column, its empty cells left out. */
    private static BigDecimal column(List<CSVRecord> records, String name) {
        return records.stream().map(r -> r.get(name)).filter(cell -> !cell.isEmpty())
                .map(cell -> new BigDecimal(cell.replace(',', '.'))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void an_issued_erda_reads_the_same_after_new_payments_and_a_new_issue_gets_the_next_number() {
        var issued = http().post(LIVE + "/erdas", "{\"asOf\":\"2020-12-31\"}");
        assertThat(issued.status()).isEqualTo(201);
        int number = issued.body().get("number").asInt();
        String sha = issued.body().get("sha256").asText();
        assertThat(http().post(LIVE + "/erdas", "{\"asOf\":\"2020-12-31\"}").status()).as("nothing new: the same ERDA").isEqualTo(200);

        assertThat(http().post(LIVE + "/payments", "{\"dpNumber\":\"200000002\",\"ejNumber\":\"1300000001\",\"amount\":\"1000.00\",\"serviceFaitOn\":\"2020-11-20\",\"paidOn\":\"2020-11-25\"}").status()).isEqualTo(201);
        JsonNode again = http().get(LIVE + "/erdas/" + number).body();
        assertThat(again.get("sha256").asText()).isEqualTo(sha);
        assertThat(payments(again.get("content"))).isEqualTo(1);
        var reissued = http().post(LIVE + "/erdas", "{\"asOf\":\"2020-12-31\"}");
        assertThat(reissued.status()).isEqualTo(201);
        assertThat(reissued.body().get("number").asInt()).isEqualTo(number + 1);
        assertThat(reissued.body().get("sha256").asText()).isNotEqualTo(sha);
        assertThat(payments(reissued.body().get("content"))).isEqualTo(2);
    }

    @Test
    void each_role_signs_its_own_side_once() {
        Http ordonnateur = http().as(Http.basic("ordonnateur", TestUsers.PASSWORD));
        Http comptable = http().as(Http.basic("comptable", TestUsers.PASSWORD));
        String asOrdonnateur = "{\"role\":\"ORDONNATEUR\",\"signer\":\"Mme Ordonnatrice\",\"signedOn\":\"2026-11-22\"}";
        assertThat(ordonnateur.post(ANCT + "/erdas/1/signatures", asOrdonnateur).status()).isEqualTo(201);
        assertThat(ordonnateur.post(ANCT + "/erdas/1/signatures", asOrdonnateur).status()).as("a retry").isEqualTo(200);
        var twice = ordonnateur.post(ANCT + "/erdas/1/signatures",
                "{\"role\":\"ORDONNATEUR\",\"signer\":\"M. Autre\",\"signedOn\":\"2026-11-22\"}");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.code()).isEqualTo("ERDA_ALREADY_SIGNED");
        var wrongSide = comptable.post(ANCT + "/erdas/1/signatures", asOrdonnateur.replace("Mme Ordonnatrice", "M. C."));
        assertThat(wrongSide.status()).isEqualTo(403);
        assertThat(wrongSide.code()).isEqualTo("ROLE_MISMATCH");
        var signed = comptable.post(ANCT + "/erdas/1/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"M. Comptable\",\"signedOn\":\"2026-11-22\"}");
        assertThat(signed.status()).isEqualTo(201);
        assertThat(signed.body().get("signatures")).hasSize(2);
        assertThat(comptable.post(ANCT + "/erdas/9/signatures",
                "{\"role\":\"COMPTABLE\",\"signer\":\"x\",\"signedOn\":\"2026-11-22\"}").code()).isEqualTo("UNKNOWN_ERDA");
    }

    @Test
    void the_compte_rendu_for_the_term_and_for_one_exercice() {
        // The term of a closed convention ends at its closure (15/07/2021): the 400 000 restituted
        // on 01/09/2021 are after it, so they show as due, not as restituted.
        JsonNode term = http().get(ANCT + "/compte-rendu").body();
        assertThat(term.get("from").asText()).isEqualTo("2020-05-11");
        assertThat(term.get("to").asText()).isEqualTo("2021-07-15");
        assertFigures(term, Map.of("received", "1600000.00", "aeNet", "1200000.00", "cpPaid", "1200000.00",
                "restituted", "0.00", "restitutionDue", "400000.00", "restesAPayerAtStart", "0.00",
                "restesAPayerAtEnd", "0.00", "balance", "400000.00"));
        // AE: 0 + 1 600 000 opened − 1 200 000 consumed − 0 cancelled = 400 000 carried over; CP alike.
        assertFigures(term.get("credits"), Map.of("aeCarriedIn", "0.00", "aeOpened", "1600000.00",
                "aeConsumed", "1200000.00", "aeCancelled", "0.00", "aeCarriedOver", "400000.00",
                "cpOpened", "1600000.00", "cpConsumed", "1200000.00", "cpCarriedOver", "400000.00"));
        assertThat(term.get("byExercice")).hasSize(2);
        assertThat(term.get("byEj")).hasSize(3);

        // 2020: 800 000 committed, 600 000 paid: 200 000 restes à payer and 200 000 of CP carried over.
        JsonNode year2020 = http().get(ANCT + "/compte-rendu?exercice=2020").body();
        assertFigures(year2020, Map.of("cpPaid", "600000.00", "restesAPayerAtStart", "0.00",
                "restesAPayerAtEnd", "200000.00", "balance", "200000.00"));
        assertFigures(year2020.get("credits"), Map.of("aeOpened", "800000.00", "aeConsumed", "800000.00",
                "aeCarriedOver", "0.00", "cpOpened", "800000.00", "cpConsumed", "600000.00",
                "cpCarriedOver", "200000.00"));
        // 2021: the restitution cancels 400 000 of AE and CP: 200 000 + 800 000 − 600 000 − 400 000 = 0.
        JsonNode year2021 = http().get(ANCT + "/compte-rendu?exercice=2021").body();
        assertFigures(year2021, Map.of("aeNet", "400000.00", "cpPaid", "600000.00", "restituted", "400000.00",
                "restesAPayerAtStart", "200000.00", "restesAPayerAtEnd", "0.00", "restitutionDue", "0.00"));
        assertFigures(year2021.get("credits"), Map.of("aeCarriedIn", "0.00", "aeOpened", "800000.00",
                "aeConsumed", "400000.00", "aeCancelled", "400000.00", "aeCarriedOver", "0.00",
                "cpCarriedIn", "200000.00", "cpOpened", "800000.00", "cpConsumed", "600000.00",
                "cpCancelled", "400000.00", "cpCarriedOver", "0.00"));
        for (JsonNode ej : year2021.get("byEj")) {
            assertThat(new BigDecimal(ej.get("restesAPayerAtEnd").asText())).as("never negative")
                    .isEqualByComparingTo(new BigDecimal(ej.get("restesAPayerAtStart").asText())
                            .add(new BigDecimal(ej.get("aeNet").asText()))
                            .subtract(new BigDecimal(ej.get("cpPaid").asText())))
                    .isNotNegative();
        }
        assertThat(http().get(ANCT + "/compte-rendu?format=doc").status()).isEqualTo(400);
    }
}

package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.dinum.ledger.projections.reports.render.ReportReaders.csv;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.odsAmount;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.pdf;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.text;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.FORMULA_OBJECT;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.TRICKY_SUPPLIER;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.TWO_LINE_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ERDA in every format, read back by independent parsers: one line per EJ carrying its AE once,
 * then its payments, and every amount column adding up to its total.
 */
class ErdaRendererTest {

    private static final String NBSP = "\u00A0";
    /** The amount columns of the CSV and the sheets: AE committed, released, net, paid, reste à payer. */
    private static final int[] AMOUNT_COLUMNS = {11, 12, 13, 14, 15};
    private static final int KIND = 0;
    private static final int SUPPLIER = 4;
    private static final int OBJECT = 6;
    private static final int INVOICE = 7;
    private static final int PAID_ON = 10;
    private static final int AE_NET = 13;
    private static final int PAID = 14;

    private final ErdaRenderer renderer = new ErdaRenderer();
    private final ErdaDocument erda = ReportSamples.issuedErda(200);
    private final ErdaContent content = erda.content();
    private final List<ErdaRenderer.Line> lines = ErdaRenderer.lines(content);

    private byte[] render(ErdaDocument document, ReportFormat format) {
        ReportReaders.Output out = new ReportReaders.Output();
        renderer.write(document, format, out);
        assertThat(out.closed).as("the caller's stream is left open").isFalse();
        return out.bytes();
    }

    /** The totals of the amount columns, in their order. */
    private static List<BigDecimal> totals(ErdaContent content) {
        return List.of(content.totalAeCommitted().value(), content.totalAeReleased().value(),
                content.totalAeNet().value(), content.totalPaid().value(), content.totalRestesAPayer().value());
    }

    @Test
    void json_is_left_to_the_rest_layer() {
        assertThatThrownBy(() -> renderer.write(erda, ReportFormat.JSON, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_csv_has_one_header_row_then_each_ej_followed_by_its_payments() {
        byte[] bytes = render(erda, ReportFormat.CSV);

        assertThat(ReportReaders.startsWithByteOrderMark(bytes)).isTrue();
        List<CSVRecord> records = csv(bytes);
        // 200 payments on 100 EJs.
        assertThat(records).hasSize(1 + 100 + 200);
        assertThat(records.get(0).values()).containsExactly(ErdaRenderer.CSV_HEADER);
        assertThat(records).allSatisfy(record -> assertThat(record.size()).isEqualTo(16));
        assertThat(records.subList(1, 7)).extracting(record -> record.get(KIND))
                .containsExactly("EJ", "DP", "DP", "EJ", "DP", "DP");
        assertThat(records.get(2).get(1)).as("a payment names its EJ").isEqualTo(records.get(1).get(1));
        assertThat(records.get(2).get(INVOICE)).isEmpty();
        assertThat(records.get(3).get(INVOICE)).isEqualTo("FAC-1");
        assertThat(records.get(1).get(8)).isEqualTo("11/05/2020");
        assertThat(FrenchFormat.parseDate(records.get(2).get(PAID_ON)))
                .isEqualTo(content.commitments().get(0).payments().get(0).paidOn());
    }

    @Test
    void every_amount_column_of_the_csv_adds_up_to_its_total_and_no_ae_is_repeated() {
        List<CSVRecord> records = csv(render(erda, ReportFormat.CSV));

        List<BigDecimal> sums = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO));
        for (CSVRecord record : records.subList(1, records.size())) {
            boolean ej = record.get(KIND).equals("EJ");
            for (int i = 0; i < AMOUNT_COLUMNS.length; i++) {
                String cell = record.get(AMOUNT_COLUMNS[i]);
                boolean expected = ej ? AMOUNT_COLUMNS[i] != PAID : AMOUNT_COLUMNS[i] == PAID;
                assertThat(cell.isEmpty()).as("column %d of a %s line", AMOUNT_COLUMNS[i], record.get(KIND))
                        .isEqualTo(!expected);
                if (!cell.isEmpty()) {
                    assertThat(cell).matches("-?[0-9]+,[0-9]{2}");
                    sums.set(i, sums.get(i).add(FrenchFormat.parseCsvNumber(cell)));
                }
            }
        }
        assertThat(sums).isEqualTo(totals(content));
        assertThat(records.get(1).get(11)).isEqualTo("1600000,00");
    }

    @Test
    void the_csv_quotes_separators_quotes_and_new_lines_and_defuses_formulas() {
        byte[] bytes = render(erda, ReportFormat.CSV);
        List<CSVRecord> records = csv(bytes);

        // The second EJ is the fourth line (EJ, DP, DP, EJ), the third the seventh.
        assertThat(records.get(4).get(SUPPLIER)).isEqualTo(TRICKY_SUPPLIER);
        assertThat(records.get(4).get(OBJECT)).isEqualTo(TWO_LINE_OBJECT);
        assertThat(records.get(7).get(OBJECT)).isEqualTo("'" + FORMULA_OBJECT);
        String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("\"Société \"\"Éclair\"\" | <script>alert('x')</script>; Œuvres & Cie, à Noël\"");
        assertThat(raw).contains("\r\n");
    }

    @Test
    void the_pdf_has_the_title_header_co_financing_invoices_totals_hash_and_signatures() throws IOException {
        try (PDDocument pdf = pdf(render(erda, ReportFormat.PDF))) {
            int pages = pdf.getNumberOfPages();
            String first = text(pdf, 1, 1);
            String all = text(pdf);

            assertThat(first).contains("État récapitulatif des dépenses acceptées", ReportSamples.CONVENTION_ID,
                    "Caisse nationale d'assurance vieillesse (SIREN 180035024)",
                    "Fonds de concours 1-2-00395 — programme 0129 — BOP 0129-CDIN", "du 01/01/2020 au 31/12/2024",
                    "Cofinancement", "Région Île-de-France : 300" + NBSP + "000,00" + NBSP + "€",
                    "ERDA n° 3 arrêté au 31/01/2023", "ERDA final (cumulatif depuis l'origine)",
                    "1" + NBSP + "600" + NBSP + "000,00" + NBSP + "€", "11/05/2020", "FAC-1", erda.sha256(),
                    "page 1 / " + pages);
            assertThat(first).doesNotContain("PROJET");
            assertThat(all).contains("Total des dépenses payées", FrenchFormat.amount(content.totalPaid()),
                    "Montant reçu", FrenchFormat.amount(content.received()), "Solde",
                    FrenchFormat.amount(content.balance()), "L’ordonnateur (délégation pour les engagements)",
                    "Le comptable assignataire (paiements)", "Signé par " + ReportSamples.SIGNER, "le 03/02/2023",
                    "page " + pages + " / " + pages);
            // The hash is printed on every page, in the footer.
            assertThat(text(pdf, pages, pages)).contains(erda.sha256());
        }
    }

    @Test
    void every_amount_column_of_the_pdf_adds_up_to_its_total() throws IOException {
        ErdaDocument small = ReportSamples.issuedErda(9);
        try (PDDocument pdf = pdf(render(small, ReportFormat.PDF))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(pdf);
            Pattern amount = Pattern.compile("-?[0-9]{1,3}(?:\u00A0[0-9]{3})*,[0-9]{2}\u00A0€");
            Pattern ejLine = Pattern.compile("^21[0-9]{8} ");
            Pattern dpLine = Pattern.compile("^21[0-9]{8} 1[0-9]{8} ");
            Pattern totalLine = Pattern.compile("^Total -?[0-9]");
            List<BigDecimal> sums = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO));
            List<BigDecimal> printedTotals = null;
            int ejs = 0;
            int dps = 0;
            for (String line : text.split("\\R")) {
                List<BigDecimal> amounts = new ArrayList<>();
                Matcher found = amount.matcher(line);
                while (found.find()) {
                    amounts.add(FrenchFormat.parseAmount(found.group()));
                }
                if (dpLine.matcher(line).find()) {
                    assertThat(amounts).as("a payment line shows its amount paid only: " + line).hasSize(1);
                    sums.set(3, sums.get(3).add(amounts.get(0)));
                    dps++;
                } else if (ejLine.matcher(line).find()) {
                    assertThat(amounts).as("an EJ line shows its AE and reste à payer: " + line).hasSize(4);
                    sums.set(0, sums.get(0).add(amounts.get(0)));
                    sums.set(1, sums.get(1).add(amounts.get(1)));
                    sums.set(2, sums.get(2).add(amounts.get(2)));
                    sums.set(4, sums.get(4).add(amounts.get(3)));
                    ejs++;
                } else if (totalLine.matcher(line).find()) {
                    printedTotals = amounts;
                }
            }
            assertThat(ejs).isEqualTo(5);
            assertThat(dps).isEqualTo(9);
            assertThat(printedTotals).isEqualTo(totals(small.content()));
            assertThat(sums).isEqualTo(printedTotals);
        }
    }

    @Test
    void the_pdf_repeats_the_table_header_on_each_page() throws IOException {
        try (PDDocument pdf = pdf(render(erda, ReportFormat.PDF))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            String second = ReportReaders.flat(text(pdf, 2, 2));
            assertThat(second).contains("Date de paiement", "Montant payé", "AE nettes",
                    "page 2 / " + pdf.getNumberOfPages());
            assertThat(second).doesNotContain("État récapitulatif des dépenses acceptées");
        }
    }

    @Test
    void the_pdf_prints_field_values_as_text_never_as_markup() throws IOException {
        String html = ErdaRenderer.html(erda);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        try (PDDocument pdf = pdf(render(ReportSamples.issuedErda(6), ReportFormat.PDF))) {
            String text = text(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("<script>alert", "Œuvres & Cie", "=1+1 (formule)");
        }
    }

    @Test
    void a_live_erda_is_a_draft_without_hash_nor_signature_blocks() throws IOException {
        ErdaDocument live = ReportSamples.liveErda(5);
        try (PDDocument pdf = pdf(render(live, ReportFormat.PDF))) {
            String text = text(pdf);
            assertThat(text).contains("PROJET — non émis", "État provisoire arrêté au 31/01/2023")
                    .doesNotContain("SHA-256", "ERDA final", "Nom, date et signature", "L’ordonnateur",
                            "Le comptable assignataire");
        }
        List<Row> rows = ReportReaders.xlsx(render(live, ReportFormat.XLSX), "ERDA");
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Statut", 0)).getCellText(1))
                .isEqualTo("PROJET — non émis");
        Object[][] values = ReportReaders.ods(render(live, ReportFormat.ODS), "ERDA");
        assertThat(values[ReportReaders.odsRowStartingWith(values, "Statut", 0)][1]).isEqualTo("PROJET — non émis");
        for (Object[] row : values) {
            assertThat(row[0]).isNotIn(PdfRendering.ORDONNATEUR_LABEL, PdfRendering.COMPTABLE_LABEL);
        }
    }

    @Test
    void a_reimbursement_erda_says_plainly_what_the_contributor_owes() throws IOException {
        ErdaDocument reimbursement = ReportSamples.reimbursementErda();
        Montant due = reimbursement.content().contributionDue();
        try (PDDocument pdf = pdf(render(reimbursement, ReportFormat.PDF))) {
            String text = ReportReaders.flat(text(pdf));
            assertThat(text).contains("Remboursement", "Montant dû par la partie versante",
                    "Au 31/01/2023, Département du Pas-de-Calais doit " + FrenchFormat.amount(due));
        }
        List<Row> rows = ReportReaders.xlsx(render(reimbursement, ReportFormat.XLSX), "ERDA");
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, ErdaRenderer.CONTRIBUTION_DUE_LABEL, 0))
                .getCell(1).asNumber()).isEqualByComparingTo(due.value());
        Object[][] values = ReportReaders.ods(render(reimbursement, ReportFormat.ODS), "ERDA");
        assertThat(odsAmount(values[ReportReaders.odsRowStartingWith(values, ErdaRenderer.CONTRIBUTION_DUE_LABEL, 0)][1]))
                .isEqualTo(due.value());
    }

    @Test
    void an_erda_without_payment_still_renders() throws IOException {
        ErdaDocument empty = ReportSamples.liveErda(0);
        try (PDDocument pdf = pdf(render(empty, ReportFormat.PDF))) {
            assertThat(text(pdf)).contains("Aucun engagement à cette date.");
        }
        assertThat(csv(render(empty, ReportFormat.CSV))).hasSize(1);
        assertThat(ReportReaders.xlsx(render(empty, ReportFormat.XLSX), "ERDA")).isNotEmpty();
        assertThat(ReportReaders.ods(render(empty, ReportFormat.ODS), "ERDA")).isNotEmpty();
    }

    @Test
    void every_amount_column_of_the_xlsx_adds_up_to_its_total_row_with_real_dates() {
        List<Row> rows = ReportReaders.xlsx(render(erda, ReportFormat.XLSX), "ERDA");

        assertThat(rows.get(0).getCellText(0)).isEqualTo("État récapitulatif des dépenses acceptées");
        Row asOf = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Arrêté au", 0));
        assertThat(asOf.getCell(1).getType()).isEqualTo(CellType.NUMBER);
        assertThat(asOf.getCell(1).asDate().toLocalDate()).isEqualTo(LocalDate.of(2023, 1, 31));
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Cofinancement : Région Île-de-France", 0))
                .getCell(1).asNumber()).isEqualByComparingTo(new BigDecimal("300000.00"));

        int header = ReportReaders.xlsxRowStartingWith(rows, "Ligne", 0);
        int total = ReportReaders.xlsxRowStartingWith(rows, "Total", header);
        assertThat(total - header - 1).isEqualTo(lines.size());
        List<BigDecimal> sums = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO));
        for (int index = header + 1; index < total; index++) {
            Row row = rows.get(index);
            for (int i = 0; i < AMOUNT_COLUMNS.length; i++) {
                Cell cell = AMOUNT_COLUMNS[i] < row.getCellCount() ? row.getCell(AMOUNT_COLUMNS[i]) : null;
                if (cell != null && cell.getType() != CellType.EMPTY) {
                    assertThat(cell.getType()).isEqualTo(CellType.NUMBER);
                    assertThat(cell.getDataFormatString()).isEqualTo("#,##0.00");
                    sums.set(i, sums.get(i).add(cell.asNumber()));
                }
            }
            ErdaRenderer.Line line = lines.get(index - header - 1);
            assertThat(row.getCellText(KIND)).isEqualTo(line.kind());
            if (!line.ej()) {
                Cell paidOn = row.getCell(PAID_ON);
                assertThat(paidOn.getType()).isEqualTo(CellType.NUMBER);
                assertThat(paidOn.getDataFormatString()).isEqualTo("dd/mm/yyyy");
                assertThat(paidOn.asDate().toLocalDate()).isEqualTo(line.paidOn());
            }
        }
        for (int i = 0; i < AMOUNT_COLUMNS.length; i++) {
            assertThat(sums.get(i)).isEqualByComparingTo(totals(content).get(i));
            assertThat(rows.get(total).getCell(AMOUNT_COLUMNS[i]).asNumber()).isEqualByComparingTo(totals(content).get(i));
        }
        assertThat(rows.get(header + 1).getCell(11).asNumber()).isEqualByComparingTo(new BigDecimal("1600000.00"));
        assertThat(rows.get(header + 4).getCellText(SUPPLIER)).isEqualTo(TRICKY_SUPPLIER);

        Row received = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Montant reçu", total));
        assertThat(received.getCell(1).asNumber()).isEqualByComparingTo(content.received().value());
        Row balance = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Solde (reçu - payé - restitué)", total));
        assertThat(balance.getCell(1).asNumber()).isEqualByComparingTo(content.balance().value());
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Empreinte SHA-256", 0)).getCellText(1))
                .isEqualTo(erda.sha256());
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, PdfRendering.COMPTABLE_LABEL, total))
                .getCellText(1)).isEqualTo("non signé");
    }

    @Test
    void every_amount_column_of_the_ods_adds_up_to_its_total_row_with_real_dates() {
        byte[] bytes = render(erda, ReportFormat.ODS);
        Object[][] values = ReportReaders.ods(bytes, "ERDA");

        assertThat(values[0][0]).isEqualTo("État récapitulatif des dépenses acceptées");
        assertThat(values[ReportReaders.odsRowStartingWith(values, "Arrêté au", 0)][1])
                .isEqualTo(LocalDate.of(2023, 1, 31));
        int header = ReportReaders.odsRowStartingWith(values, "Ligne", 0);
        int total = ReportReaders.odsRowStartingWith(values, "Total", header);
        assertThat(total - header - 1).isEqualTo(lines.size());
        List<BigDecimal> sums = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO));
        for (int row = header + 1; row < total; row++) {
            for (int i = 0; i < AMOUNT_COLUMNS.length; i++) {
                Object cell = values[row][AMOUNT_COLUMNS[i]];
                if (cell != null) {
                    sums.set(i, sums.get(i).add(odsAmount(cell)));
                }
            }
            ErdaRenderer.Line line = lines.get(row - header - 1);
            assertThat(values[row][KIND]).isEqualTo(line.kind());
            assertThat(values[row][PAID_ON]).isEqualTo(line.paidOn());
            assertThat(values[row][AE_NET] == null).as("net AE only on EJ lines").isEqualTo(!line.ej());
        }
        for (int i = 0; i < AMOUNT_COLUMNS.length; i++) {
            assertThat(sums.get(i)).isEqualTo(totals(content).get(i));
            assertThat(odsAmount(values[total][AMOUNT_COLUMNS[i]])).isEqualTo(totals(content).get(i));
        }
        assertThat(odsAmount(values[header + 1][11])).isEqualTo(new BigDecimal("1600000.00"));
        assertThat(values[header + 4][SUPPLIER]).isEqualTo(TRICKY_SUPPLIER);
        assertThat(values[header + 2][3]).isEqualTo(2020.0);
        assertThat(odsAmount(values[ReportReaders.odsRowStartingWith(values, "Solde (reçu - payé - restitué)", total)][1]))
                .isEqualTo(content.balance().value());
    }

    @Test
    void the_ods_holds_exact_decimals_shown_with_french_formats() {
        byte[] bytes = render(erda, ReportFormat.ODS);
        String xml = ReportReaders.odsContent(bytes);

        assertThat(xml).contains("office:value=\"1600000.00\"", "office:date-value=\"2020-05-11\"");
        assertThat(xml).contains("<number:number-style style:name=\"montant\"><number:number number:decimal-places=\"2\"")
                .contains("number:grouping=\"true\"")
                .contains("<number:date-style style:name=\"datestyle\"><number:day number:style=\"long\"/>"
                        + "<number:text>/</number:text><number:month");
        assertThat(xml).contains("style:data-style-name=\"montant\"").doesNotContain("style:data-style-name=\"textstyle\"");
        assertThat(ReportReaders.zipEntries(bytes).get(0)).isEqualTo("mimetype");
    }

    @Test
    void no_file_ever_holds_a_character_xml_forbids() throws IOException {
        ErdaContent base = ReportSamples.erdaContent(2, false);
        ErdaContent.Commitment ej = base.commitments().get(0);
        ErdaContent.Commitment control = new ErdaContent.Commitment(ej.ejNumber(), "Bell\u0007 & Null\u0000 SA",
                ej.supplierSiret(), ej.object(), ej.committedOn(), ej.aeCommitted(), ej.aeReleased(), ej.aeNet(),
                ej.payments(), ej.paid(), ej.restesAPayer());
        ErdaDocument document = ErdaDocument.live(ReportSamples.with(base, List.of(control), base.contributionDue()));

        Object[][] values = ReportReaders.ods(render(document, ReportFormat.ODS), "ERDA");
        int header = ReportReaders.odsRowStartingWith(values, "Ligne", 0);
        assertThat(values[header + 1][SUPPLIER]).isEqualTo("Bell & Null SA");
        List<Row> rows = ReportReaders.xlsx(render(document, ReportFormat.XLSX), "ERDA");
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Ligne", 0) + 1).getCellText(SUPPLIER))
                .isEqualTo("Bell & Null SA");
        try (PDDocument pdf = pdf(render(document, ReportFormat.PDF))) {
            assertThat(text(pdf)).contains("Bell & Null SA");
        }
    }
}

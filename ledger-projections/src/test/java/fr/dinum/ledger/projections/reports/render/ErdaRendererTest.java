package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static fr.dinum.ledger.projections.reports.render.ReportReaders.csv;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.odsAmount;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.pdf;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.text;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.FORMULA_OBJECT;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.TRICKY_SUPPLIER;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.TWO_LINE_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErdaRendererTest {

    private static final String NBSP = "\u00A0";
    private static final int PAID = 10;
    private static final int PAID_ON = 9;

    private final ErdaRenderer renderer = new ErdaRenderer();
    private final ErdaDocument erda = ReportSamples.issuedErda(200);
    private final ErdaContent content = erda.content();

    private byte[] render(ErdaDocument document, ReportFormat format) {
        ReportReaders.Output out = new ReportReaders.Output();
        renderer.write(document, format, out);
        assertThat(out.closed).as("the caller's stream is left open").isFalse();
        return out.bytes();
    }

    @Test
    void json_is_left_to_the_rest_layer() {
        assertThatThrownBy(() -> renderer.write(erda, ReportFormat.JSON, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_csv_is_utf8_with_a_bom_one_header_row_and_one_row_per_payment() {
        byte[] bytes = render(erda, ReportFormat.CSV);

        assertThat(ReportReaders.startsWithByteOrderMark(bytes)).isTrue();
        List<CSVRecord> records = csv(bytes);
        assertThat(records).hasSize(1 + content.lines().size());
        assertThat(records.get(0).values()).containsExactly("exercice", "numéro EJ", "fournisseur", "SIRET", "objet",
                "date d'engagement", "montant AE", "numéro DP", "date de service fait", "date de paiement",
                "montant payé", "cumul");
        assertThat(records).allSatisfy(record -> assertThat(record.size()).isEqualTo(12));
        // Exactly one header row: every other row starts with an exercice.
        assertThat(records.subList(1, records.size())).allSatisfy(record -> assertThat(record.get(0)).matches("20[0-9]{2}"));
    }

    @Test
    void the_csv_amounts_have_a_decimal_comma_and_add_up_to_the_total_paid() {
        List<CSVRecord> records = csv(render(erda, ReportFormat.CSV));

        BigDecimal sum = BigDecimal.ZERO;
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(record.get(PAID)).matches("-?[0-9]+,[0-9]{2}");
            sum = sum.add(FrenchFormat.parseCsvNumber(record.get(PAID)));
        }
        assertThat(sum).isEqualTo(content.totalPaid().value());
        assertThat(records.get(1).get(6)).isEqualTo("1600000,00");
        assertThat(FrenchFormat.parseCsvNumber(records.get(records.size() - 1).get(11)))
                .isEqualTo(content.totalPaid().value());
        assertThat(records.get(1).get(5)).isEqualTo("11/05/2020");
        assertThat(FrenchFormat.parseDate(records.get(1).get(PAID_ON))).isEqualTo(content.lines().get(0).paidOn());
    }

    @Test
    void the_csv_quotes_separators_quotes_and_new_lines_and_defuses_formulas() {
        byte[] bytes = render(erda, ReportFormat.CSV);
        List<CSVRecord> records = csv(bytes);

        assertThat(records.get(2).get(2)).isEqualTo(TRICKY_SUPPLIER);
        assertThat(records.get(2).get(4)).isEqualTo(TWO_LINE_OBJECT);
        assertThat(records.get(3).get(4)).isEqualTo("'" + FORMULA_OBJECT);
        String raw = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("\"Société \"\"Éclair\"\" | <script>alert('x')</script>; Œuvres & Cie, à Noël\"");
        assertThat(raw).contains("\r\n");
    }

    @Test
    void the_pdf_has_the_title_header_amounts_totals_hash_and_signatures() throws IOException {
        try (PDDocument pdf = pdf(render(erda, ReportFormat.PDF))) {
            int pages = pdf.getNumberOfPages();
            String first = text(pdf, 1, 1);
            String all = text(pdf);

            assertThat(first).contains("État récapitulatif des dépenses acceptées", ReportSamples.CONVENTION_ID,
                    "Caisse nationale d'assurance vieillesse (SIREN 180035024)",
                    "Fonds de concours 1-2-00395 — programme 0129 — BOP 0129-CDIN", "du 01/01/2020 au 31/12/2024",
                    "ERDA n° 3 arrêté au 31/01/2023", "ERDA final (cumulatif depuis l'origine)",
                    "1" + NBSP + "600" + NBSP + "000,00" + NBSP + "€", "11/05/2020", erda.sha256(),
                    "page 1 / " + pages);
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
    void the_pdf_repeats_the_table_header_on_each_page() throws IOException {
        try (PDDocument pdf = pdf(render(erda, ReportFormat.PDF))) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            String second = ReportReaders.flat(text(pdf, 2, 2));
            assertThat(second).contains("Date de paiement", "Montant payé", "Cumul", "page 2 / " + pdf.getNumberOfPages());
            assertThat(second).doesNotContain("État récapitulatif des dépenses acceptées");
        }
    }

    @Test
    void the_pdf_prints_field_values_as_text_never_as_markup() throws IOException {
        String html = ErdaRenderer.html(erda);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        try (PDDocument pdf = pdf(render(ReportSamples.issuedErda(3), ReportFormat.PDF))) {
            String text = text(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("<script>alert", "Œuvres & Cie", "=1+1 (formule)");
        }
    }

    @Test
    void a_live_erda_says_it_is_not_issued_and_has_no_hash() throws IOException {
        ErdaDocument live = ReportSamples.liveErda(5);
        try (PDDocument pdf = pdf(render(live, ReportFormat.PDF))) {
            String text = text(pdf);
            assertThat(text).contains("État provisoire arrêté au 31/01/2023", "non émis", "Nom, date et signature :")
                    .doesNotContain("SHA-256", "ERDA final");
        }
    }

    @Test
    void an_erda_without_payment_still_renders() throws IOException {
        ErdaDocument empty = ReportSamples.liveErda(0);
        try (PDDocument pdf = pdf(render(empty, ReportFormat.PDF))) {
            assertThat(text(pdf)).contains("Aucune dépense payée à cette date.");
        }
        assertThat(csv(render(empty, ReportFormat.CSV))).hasSize(1);
        assertThat(ReportReaders.xlsx(render(empty, ReportFormat.XLSX), "ERDA")).isNotEmpty();
        assertThat(ReportReaders.ods(render(empty, ReportFormat.ODS), "ERDA")).isNotEmpty();
    }

    @Test
    void the_xlsx_has_numeric_amounts_that_add_up_and_real_dates() {
        List<Row> rows = ReportReaders.xlsx(render(erda, ReportFormat.XLSX), "ERDA");

        assertThat(rows.get(0).getCellText(0)).isEqualTo("État récapitulatif des dépenses acceptées");
        Row asOf = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Arrêté au", 0));
        assertThat(asOf.getCell(1).getType()).isEqualTo(CellType.NUMBER);
        assertThat(asOf.getCell(1).asDate().toLocalDate()).isEqualTo(LocalDate.of(2023, 1, 31));

        int header = ReportReaders.xlsxRowStartingWith(rows, "Exercice", 0);
        int total = ReportReaders.xlsxRowStartingWith(rows, "Total", header);
        assertThat(total - header - 1).isEqualTo(content.lines().size());
        BigDecimal sum = BigDecimal.ZERO;
        for (int index = header + 1; index < total; index++) {
            Cell paid = rows.get(index).getCell(PAID);
            assertThat(paid.getType()).isEqualTo(CellType.NUMBER);
            assertThat(paid.getDataFormatString()).isEqualTo("#,##0.00");
            sum = sum.add(paid.asNumber());
            Cell paidOn = rows.get(index).getCell(PAID_ON);
            assertThat(paidOn.getType()).isEqualTo(CellType.NUMBER);
            assertThat(paidOn.getDataFormatString()).isEqualTo("dd/mm/yyyy");
            assertThat(paidOn.asDate().toLocalDate()).isEqualTo(content.lines().get(index - header - 1).paidOn());
        }
        assertThat(sum).isEqualByComparingTo(content.totalPaid().value());
        assertThat(rows.get(total).getCell(PAID).asNumber()).isEqualByComparingTo(content.totalPaid().value());
        assertThat(rows.get(total).getCell(6).asNumber()).isEqualByComparingTo(content.totalAe().value());
        assertThat(rows.get(header + 1).getCell(6).asNumber()).isEqualByComparingTo(new BigDecimal("1600000.00"));
        assertThat(rows.get(header + 2).getCellText(2)).isEqualTo(TRICKY_SUPPLIER);

        Row received = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Montant reçu", total));
        assertThat(received.getCell(1).asNumber()).isEqualByComparingTo(content.received().value());
        Row balance = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Solde", total));
        assertThat(balance.getCell(1).asNumber()).isEqualByComparingTo(content.balance().value());
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Empreinte SHA-256", 0)).getCellText(1))
                .isEqualTo(erda.sha256());
    }

    @Test
    void the_ods_has_numeric_amounts_that_add_up_and_real_dates() {
        byte[] bytes = render(erda, ReportFormat.ODS);
        Object[][] values = ReportReaders.ods(bytes, "ERDA");

        assertThat(values[0][0]).isEqualTo("État récapitulatif des dépenses acceptées");
        assertThat(values[ReportReaders.odsRowStartingWith(values, "Arrêté au", 0)][1])
                .isEqualTo(LocalDate.of(2023, 1, 31));
        int header = ReportReaders.odsRowStartingWith(values, "Exercice", 0);
        int total = ReportReaders.odsRowStartingWith(values, "Total", header);
        assertThat(total - header - 1).isEqualTo(content.lines().size());
        BigDecimal sum = BigDecimal.ZERO;
        for (int row = header + 1; row < total; row++) {
            sum = sum.add(odsAmount(values[row][PAID]));
            assertThat(values[row][PAID_ON]).isEqualTo(content.lines().get(row - header - 1).paidOn());
        }
        assertThat(sum).isEqualTo(content.totalPaid().value());
        assertThat(odsAmount(values[total][PAID])).isEqualTo(content.totalPaid().value());
        assertThat(odsAmount(values[header + 1][6])).isEqualTo(new BigDecimal("1600000.00"));
        assertThat(values[header + 2][2]).isEqualTo(TRICKY_SUPPLIER);
        assertThat(values[header + 1][0]).isEqualTo(2020.0);
        assertThat(odsAmount(values[ReportReaders.odsRowStartingWith(values, "Solde", total)][1]))
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
        ErdaContent.Line line = base.lines().get(0);
        ErdaContent.Line control = new ErdaContent.Line(line.exercice(), line.ejNumber(), "Bell\u0007 & Null\u0000 SA",
                line.supplierSiret(), line.object(), line.committedOn(), line.aeAmount(), line.dpNumber(),
                line.serviceFaitOn(), line.paidOn(), line.amountPaid(), line.cumulative());
        ErdaDocument document = ErdaDocument.live(new ErdaContent(base.conventionId(), base.title(),
                base.contributorName(), base.contributorSiren(), base.beneficiary(), base.fundCode(), base.programme(),
                base.bop(), base.periodStart(), base.periodEnd(), base.asOf(), false, List.of(control),
                base.totalAe(), line.amountPaid(), base.received(), base.restituted(),
                base.received().minus(line.amountPaid()).minus(base.restituted())));

        Object[][] values = ReportReaders.ods(render(document, ReportFormat.ODS), "ERDA");
        int header = ReportReaders.odsRowStartingWith(values, "Exercice", 0);
        assertThat(values[header + 1][2]).isEqualTo("Bell & Null SA");
        List<Row> rows = ReportReaders.xlsx(render(document, ReportFormat.XLSX), "ERDA");
        assertThat(rows.get(ReportReaders.xlsxRowStartingWith(rows, "Exercice", 0) + 1).getCellText(2))
                .isEqualTo("Bell & Null SA");
        try (PDDocument pdf = pdf(render(document, ReportFormat.PDF))) {
            assertThat(text(pdf)).contains("Bell & Null SA");
        }
    }
}

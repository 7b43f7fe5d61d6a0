package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.projections.reports.CompteRendu;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static fr.dinum.ledger.projections.reports.render.ReportReaders.csv;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.odsAmount;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.pdf;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.text;
import static fr.dinum.ledger.projections.reports.render.ReportSamples.TRICKY_SUPPLIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompteRenduRendererTest {

    private static final String NBSP = "\u00A0";
    private static final int CP_PAID = 9;
    private static final int COMMITTED_ON = 4;

    private final CompteRenduRenderer renderer = new CompteRenduRenderer();
    private final CompteRendu report = ReportSamples.compteRendu(120);

    private byte[] render(CompteRendu compteRendu, ReportFormat format) {
        ReportReaders.Output out = new ReportReaders.Output();
        renderer.write(compteRendu, format, out);
        assertThat(out.closed).as("the caller's stream is left open").isFalse();
        return out.bytes();
    }

    @Test
    void json_is_left_to_the_rest_layer() {
        assertThatThrownBy(() -> renderer.write(report, ReportFormat.JSON, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_csv_has_one_header_row_then_one_row_per_ej_whose_figures_add_up() {
        byte[] bytes = render(report, ReportFormat.CSV);

        assertThat(ReportReaders.startsWithByteOrderMark(bytes)).isTrue();
        List<CSVRecord> records = csv(bytes);
        assertThat(records).hasSize(1 + report.byEj().size());
        assertThat(records.get(0).values()).containsExactly("numéro EJ", "fournisseur", "SIRET", "objet",
                "date d'engagement", "restes à payer au début", "AE engagées", "AE désengagées", "AE nettes",
                "CP payés", "restes à payer à la fin");
        BigDecimal committed = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal remaining = BigDecimal.ZERO;
        for (CSVRecord record : records.subList(1, records.size())) {
            assertThat(record.get(0)).matches("[0-9]{10}");
            committed = committed.add(FrenchFormat.parseCsvNumber(record.get(6)));
            paid = paid.add(FrenchFormat.parseCsvNumber(record.get(CP_PAID)));
            remaining = remaining.add(FrenchFormat.parseCsvNumber(record.get(10)));
        }
        assertThat(committed).isEqualTo(report.aeCommitted().value());
        assertThat(paid).isEqualTo(report.cpPaid().value());
        assertThat(remaining).isEqualTo(report.restesAPayerAtEnd().value());
        assertThat(records.get(1).get(6)).isEqualTo("1600000,00");
        assertThat(records.get(2).get(1)).isEqualTo(TRICKY_SUPPLIER);
        assertThat(records.get(1).get(COMMITTED_ON)).isEqualTo("11/05/2020");
    }

    @Test
    void the_pdf_has_the_title_header_summary_tables_and_signatures() throws IOException {
        try (PDDocument pdf = pdf(render(report, ReportFormat.PDF))) {
            int pages = pdf.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            String first = text(pdf, 1, 1);
            String all = text(pdf);

            assertThat(first).contains("Compte-rendu de gestion", ReportSamples.CONVENTION_ID,
                    "Toute la durée de la convention (du 01/01/2020 au 31/12/2022)",
                    "Caisse nationale d'assurance vieillesse", "Montant reçu",
                    "2" + NBSP + "000" + NBSP + "000,00" + NBSP + "€", "Par exercice", "page 1 / " + pages);
            assertThat(all).contains("1" + NBSP + "600" + NBSP + "000,00" + NBSP + "€",
                    FrenchFormat.amount(report.cpPaid()), FrenchFormat.amount(report.restesAPayerAtEnd()),
                    FrenchFormat.amount(report.balance()), "Région Île-de-France",
                    "L’ordonnateur (délégation pour les engagements)", "Le comptable assignataire (paiements)",
                    "page " + pages + " / " + pages);
            assertThat(text(pdf, 2, 2)).contains("Restes à payer", "N° EJ");
        }
        assertThat(CompteRenduRenderer.html(report)).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void the_pdf_of_one_exercice_says_so() throws IOException {
        CompteRendu base = report;
        CompteRendu year = new CompteRendu(base.conventionId(), base.title(), base.contributorName(), base.beneficiary(),
                base.fundCode(), base.programme(), base.bop(), base.fundingMode(), base.amount(), 2021,
                java.time.LocalDate.of(2021, 1, 1), java.time.LocalDate.of(2021, 12, 31), base.received(),
                base.overpaid(), base.credits(), base.byExercice(), base.byEj().subList(0, 3), base.aeCommitted(), base.aeReleased(),
                base.aeNet(), base.cpPaid(), base.restesAPayerAtStart(), base.restesAPayerAtEnd(), base.restituted(),
                base.restitutionDue(), base.contributionDue(), base.balance(), null);
        try (PDDocument pdf = pdf(render(year, ReportFormat.PDF))) {
            assertThat(text(pdf)).contains("Exercice 2021 (du 01/01/2021 au 31/12/2021)")
                    .doesNotContain("Cofinancement");
        }
    }

    @Test
    void the_xlsx_has_numeric_amounts_that_add_up_and_real_dates() {
        List<Row> rows = ReportReaders.xlsx(render(report, ReportFormat.XLSX), "Compte-rendu");

        assertThat(rows.get(0).getCellText(0)).isEqualTo("Compte-rendu de gestion");
        Row balance = rows.get(ReportReaders.xlsxRowStartingWith(rows, "Solde", 0));
        assertThat(balance.getCell(1).getType()).isEqualTo(CellType.NUMBER);
        assertThat(balance.getCell(1).asNumber()).isEqualByComparingTo(report.balance().value());

        int years = ReportReaders.xlsxRowStartingWith(rows, "Exercice", 0);
        int yearsTotal = ReportReaders.xlsxRowStartingWith(rows, "Total", years);
        BigDecimal yearsPaid = BigDecimal.ZERO;
        for (int index = years + 1; index < yearsTotal; index++) {
            Row year = rows.get(index);
            yearsPaid = yearsPaid.add(year.getCell(10).asNumber());
            // carried over = carried in + opened − consumed − cancelled, in AE (2..7) and in CP (8..13)
            assertThat(year.getCell(7).asNumber()).isEqualByComparingTo(year.getCell(2).asNumber()
                    .add(year.getCell(3).asNumber()).subtract(year.getCell(4).asNumber())
                    .subtract(year.getCell(6).asNumber()));
            assertThat(year.getCell(13).asNumber()).isEqualByComparingTo(year.getCell(8).asNumber()
                    .add(year.getCell(9).asNumber()).subtract(year.getCell(10).asNumber())
                    .subtract(year.getCell(12).asNumber()));
        }
        assertThat(yearsPaid).isEqualByComparingTo(report.cpPaid().value());
        assertThat(rows.get(yearsTotal).getCell(10).asNumber()).isEqualByComparingTo(report.cpPaid().value());

        int ejs = ReportReaders.xlsxRowStartingWith(rows, "Numéro EJ", yearsTotal);
        int ejsTotal = ReportReaders.xlsxRowStartingWith(rows, "Total", ejs);
        assertThat(ejsTotal - ejs - 1).isEqualTo(report.byEj().size());
        BigDecimal paid = BigDecimal.ZERO;
        for (int index = ejs + 1; index < ejsTotal; index++) {
            Cell cell = rows.get(index).getCell(CP_PAID);
            assertThat(cell.getType()).isEqualTo(CellType.NUMBER);
            assertThat(cell.getDataFormatString()).isEqualTo("#,##0.00");
            paid = paid.add(cell.asNumber());
            Cell date = rows.get(index).getCell(COMMITTED_ON);
            assertThat(date.getDataFormatString()).isEqualTo("dd/mm/yyyy");
            assertThat(date.asDate().toLocalDate()).isEqualTo(report.byEj().get(index - ejs - 1).committedOn());
        }
        assertThat(paid).isEqualByComparingTo(report.cpPaid().value());
        assertThat(rows.get(ejsTotal).getCell(CP_PAID).asNumber()).isEqualByComparingTo(report.cpPaid().value());
        assertThat(rows.get(ejsTotal).getCell(10).asNumber()).isEqualByComparingTo(report.restesAPayerAtEnd().value());
    }

    @Test
    void the_ods_has_numeric_amounts_that_add_up_and_real_dates() {
        Object[][] values = ReportReaders.ods(render(report, ReportFormat.ODS), "Compte-rendu");

        assertThat(values[0][0]).isEqualTo("Compte-rendu de gestion");
        assertThat(odsAmount(values[ReportReaders.odsRowStartingWith(values, "Solde", 0)][1]))
                .isEqualTo(report.balance().value());
        int ejs = ReportReaders.odsRowStartingWith(values, "Numéro EJ", 0);
        int ejsTotal = ReportReaders.odsRowStartingWith(values, "Total", ejs);
        assertThat(ejsTotal - ejs - 1).isEqualTo(report.byEj().size());
        BigDecimal paid = BigDecimal.ZERO;
        for (int row = ejs + 1; row < ejsTotal; row++) {
            paid = paid.add(odsAmount(values[row][CP_PAID]));
            assertThat(values[row][COMMITTED_ON]).isEqualTo(report.byEj().get(row - ejs - 1).committedOn());
        }
        assertThat(paid).isEqualTo(report.cpPaid().value());
        assertThat(odsAmount(values[ejsTotal][CP_PAID])).isEqualTo(report.cpPaid().value());
        assertThat(values[ejs + 2][1]).isEqualTo(TRICKY_SUPPLIER);
        int coFunders = ReportReaders.odsRowStartingWith(values, "Financeur", ejsTotal);
        assertThat(values[coFunders + 2][0]).isEqualTo("Région Île-de-France (hors fonds de concours)");
        assertThat(odsAmount(values[coFunders + 2][1])).isEqualTo(new BigDecimal("300000.00"));
    }
}

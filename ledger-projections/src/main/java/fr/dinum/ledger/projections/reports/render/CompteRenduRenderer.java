package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.CompteRendu;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a compte-rendu de gestion as CSV, PDF, XLSX or ODS. JSON is not its job: the REST layer
 * serialises the {@link CompteRendu} record itself.
 *
 * <p>The renderer is stateless and thread-safe. It writes into the caller's stream as it goes and
 * never closes it.
 */
@Component
public class CompteRenduRenderer {

    /** The column headers of the CSV: one row per engagement juridique. */
    static final String[] CSV_HEADER = {"numéro EJ", "fournisseur", "SIRET", "objet", "date d'engagement",
            "AE engagées", "AE désengagées", "AE nettes", "CP payés", "restes à payer"};

    static final String[] SHEET_EJ_HEADER = {"Numéro EJ", "Fournisseur", "SIRET", "Objet", "Date d'engagement",
            "AE engagées", "AE désengagées", "AE nettes", "CP payés", "Restes à payer"};

    static final String[] SHEET_EXERCICE_HEADER = {"Exercice", "Montant reçu", "Crédits ouverts AE",
            "Crédits ouverts CP", "AE engagées", "AE désengagées", "AE nettes", "CP payés"};

    static final String TITLE = "Compte-rendu de gestion";
    static final String SHEET_NAME = "Compte-rendu";

    private static final int[] COLUMN_WIDTHS = {24, 30, 16, 30, 16, 16, 16, 16, 16, 16};
    private static final Template PDF_TEMPLATE = Template.load("reports/compte-rendu.xhtml");

    /**
     * Writes the compte-rendu in the given format.
     *
     * @param report the compte-rendu, for the term or one exercice
     * @param format CSV, PDF, XLSX or ODS
     * @param out    the stream to write to; it is flushed, not closed
     * @throws IllegalArgumentException for JSON, which the REST layer serialises itself
     * @throws UncheckedIOException     if the stream fails
     */
    public void write(CompteRendu report, ReportFormat format, OutputStream out) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            switch (format) {
                case CSV -> writeCsv(report, out);
                case PDF -> PdfRendering.render(new CompteRenduHtml(report), out);
                case XLSX -> writeSheet(report, new XlsxSheetWriter(out, SHEET_NAME, COLUMN_WIDTHS));
                case ODS -> writeSheet(report, new OdsSheetWriter(out, SHEET_NAME, COLUMN_WIDTHS));
                case JSON -> throw new IllegalArgumentException(
                        "JSON is serialised by the REST layer from the CompteRendu record, not rendered");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the compte-rendu of " + report.conventionId(), e);
        }
    }

    /**
     * One header row, then one row per engagement juridique. The totals and the figures by exercice
     * are not in the CSV: a CSV is one table, and a totals row would be read as one more EJ (a SUM
     * over a column would count it twice). They are in the PDF, the spreadsheets and the JSON.
     */
    private static void writeCsv(CompteRendu report, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(CSV_HEADER);
        for (CompteRendu.EjFigures ej : report.byEj()) {
            csv.row(CsvWriter.text(ej.ejNumber()), CsvWriter.text(ej.supplierName()),
                    CsvWriter.text(ej.supplierSiret()), CsvWriter.text(ej.object()),
                    FrenchFormat.csvDate(ej.committedOn()), FrenchFormat.csvNumber(ej.aeCommitted()),
                    FrenchFormat.csvNumber(ej.aeReleased()), FrenchFormat.csvNumber(ej.aeNet()),
                    FrenchFormat.csvNumber(ej.cpPaid()), FrenchFormat.csvNumber(ej.restesAPayer()));
        }
        csv.flush();
    }

    private static void writeSheet(CompteRendu report, SheetWriter sheet) throws IOException {
        sheet.title(TITLE);
        sheet.field("Convention", report.conventionId());
        sheet.field("Intitulé", report.title());
        sheet.field("Partie versante", report.contributorName());
        sheet.field("Bénéficiaire", report.beneficiary());
        sheet.field("Fonds de concours", report.fundCode());
        sheet.field("Programme", report.programme());
        sheet.field("BOP", report.bop());
        sheet.field("Montant de la convention", report.amount());
        sheet.field("Exercice couvert", report.exercice() == null ? "Toute la durée de la convention" : report.exercice());
        sheet.field("Du", report.from());
        sheet.field("Au", report.to());
        sheet.blank();
        sheet.field("Montant reçu", report.received());
        sheet.field("Crédits ouverts AE", report.creditsOpenedAe());
        sheet.field("Crédits ouverts CP", report.creditsOpenedCp());
        sheet.field("AE engagées", report.aeCommitted());
        sheet.field("AE désengagées", report.aeReleased());
        sheet.field("AE nettes", report.aeNet());
        sheet.field("CP payés", report.cpPaid());
        sheet.field("Restes à payer", report.restesAPayer());
        sheet.field("Montant restitué", report.restituted());
        sheet.field("Solde", report.balance());
        sheet.blank();
        sheet.header(SHEET_EXERCICE_HEADER);
        for (CompteRendu.ExerciceFigures year : report.byExercice()) {
            sheet.row(year.exercice(), year.received(), year.creditsOpenedAe(), year.creditsOpenedCp(),
                    year.aeCommitted(), year.aeReleased(), year.aeNet(), year.cpPaid());
        }
        sheet.total("Total", report.received(), report.creditsOpenedAe(), report.creditsOpenedCp(),
                report.aeCommitted(), report.aeReleased(), report.aeNet(), report.cpPaid());
        sheet.blank();
        sheet.header(SHEET_EJ_HEADER);
        for (CompteRendu.EjFigures ej : report.byEj()) {
            sheet.row(ej.ejNumber(), ej.supplierName(), ej.supplierSiret(), ej.object(), ej.committedOn(),
                    ej.aeCommitted(), ej.aeReleased(), ej.aeNet(), ej.cpPaid(), ej.restesAPayer());
        }
        sheet.total("Total", null, null, null, null, report.aeCommitted(), report.aeReleased(), report.aeNet(),
                report.cpPaid(), report.restesAPayer());
        if (!report.coFinancing().isEmpty()) {
            sheet.blank();
            sheet.header("Cofinanceur (hors fonds de concours)", "Montant");
            for (CompteRendu.CoFunder coFunder : report.coFinancing()) {
                sheet.row(coFunder.funder(), coFunder.amount());
            }
        }
        sheet.finish();
    }

    /** The whole XHTML of the PDF in one part, as the tests read it. */
    static String html(CompteRendu report) {
        CompteRenduHtml html = new CompteRenduHtml(report);
        return html.html(0, html.rows(), PdfRendering.CSS);
    }

    /**
     * The compte-rendu as XHTML parts: its long table is the list of EJ, which follows the header
     * block, the summary and the table by exercice of the first part. The fragments that do not
     * depend on the rows are built once.
     */
    static final class CompteRenduHtml implements PagedHtml {

        private final List<CompteRendu.EjFigures> ejs;
        private final Map<String, CharSequence> fixed = new HashMap<>();

        CompteRenduHtml(CompteRendu report) {
            this.ejs = report.byEj();
            fixed.put("documentTitle", Markup.escape(TITLE + " " + report.conventionId()));
            fixed.put("status", Markup.escape(scope(report)));
            fixed.put("footer", Markup.escape("Convention " + report.conventionId() + " — " + TITLE + " — "
                    + scope(report)));

            StringBuilder header = new StringBuilder(2048);
            PdfRendering.headerRow(header, "Convention", report.conventionId()
                    + (report.title() == null || report.title().isBlank() ? "" : " — " + report.title()));
            PdfRendering.headerRow(header, "Partie versante", report.contributorName());
            PdfRendering.headerRow(header, "Bénéficiaire", report.beneficiary());
            PdfRendering.headerRow(header, "Imputation", "Fonds de concours " + nonNull(report.fundCode())
                    + " — programme " + nonNull(report.programme()) + " — BOP " + nonNull(report.bop()));
            PdfRendering.headerRow(header, "Montant de la convention", FrenchFormat.amount(report.amount()));
            PdfRendering.headerRow(header, "Période", "du " + FrenchFormat.date(report.from()) + " au "
                    + FrenchFormat.date(report.to()));
            fixed.put("header", header);

            StringBuilder summary = new StringBuilder(1024);
            PdfRendering.summaryRow(summary, null, "Montant reçu", FrenchFormat.amount(report.received()));
            PdfRendering.summaryRow(summary, null, "Crédits ouverts en AE",
                    FrenchFormat.amount(report.creditsOpenedAe()));
            PdfRendering.summaryRow(summary, null, "Crédits ouverts en CP",
                    FrenchFormat.amount(report.creditsOpenedCp()));
            PdfRendering.summaryRow(summary, null, "AE engagées", FrenchFormat.amount(report.aeCommitted()));
            PdfRendering.summaryRow(summary, null, "AE désengagées", FrenchFormat.amount(report.aeReleased()));
            PdfRendering.summaryRow(summary, null, "AE nettes", FrenchFormat.amount(report.aeNet()));
            PdfRendering.summaryRow(summary, null, "CP payés", FrenchFormat.amount(report.cpPaid()));
            PdfRendering.summaryRow(summary, null, "Restes à payer", FrenchFormat.amount(report.restesAPayer()));
            PdfRendering.summaryRow(summary, null, "Montant restitué", FrenchFormat.amount(report.restituted()));
            PdfRendering.summaryRow(summary, "solde", "Solde", FrenchFormat.amount(report.balance()));
            fixed.put("summary", summary);

            StringBuilder years = new StringBuilder(256 + report.byExercice().size() * 400);
            for (CompteRendu.ExerciceFigures year : report.byExercice()) {
                years.append("<tr>");
                PdfRendering.cell(years, "code", Integer.toString(year.exercice()));
                amounts(years, year.received(), year.creditsOpenedAe(), year.creditsOpenedCp(), year.aeCommitted(),
                        year.aeReleased(), year.aeNet(), year.cpPaid());
                years.append("</tr>\n");
            }
            years.append("<tr class=\"total\"><td>Total</td>");
            amounts(years, report.received(), report.creditsOpenedAe(), report.creditsOpenedCp(),
                    report.aeCommitted(), report.aeReleased(), report.aeNet(), report.cpPaid());
            years.append("</tr>");
            fixed.put("exercices", years);

            StringBuilder total = new StringBuilder(512);
            total.append("<tr class=\"total\"><td colspan=\"5\">Total</td>");
            amounts(total, report.aeCommitted(), report.aeReleased(), report.aeNet(), report.cpPaid(),
                    report.restesAPayer());
            total.append("</tr>");
            fixed.put("totalRow", total);
            fixed.put("coFinancing", coFinancing(report.coFinancing()));
            fixed.put("signatures", PdfRendering.signatures(List.of()));
        }

        @Override
        public int rows() {
            return ejs.size();
        }

        @Override
        public String html(int from, int to, String css) {
            StringBuilder rows = new StringBuilder(256 + (to - from) * 600);
            for (int index = from; index < to; index++) {
                CompteRendu.EjFigures ej = ejs.get(index);
                PdfRendering.openRow(rows, from, index);
                PdfRendering.cell(rows, "code", ej.ejNumber());
                PdfRendering.cell(rows, null, ej.supplierName());
                PdfRendering.cell(rows, "code", ej.supplierSiret());
                PdfRendering.cell(rows, null, ej.object());
                PdfRendering.cell(rows, "date", FrenchFormat.date(ej.committedOn()));
                amounts(rows, ej.aeCommitted(), ej.aeReleased(), ej.aeNet(), ej.cpPaid(), ej.restesAPayer());
                rows.append("</tr>\n");
            }
            Map<String, CharSequence> html = new HashMap<>(fixed);
            html.put("css", css);
            html.put("engagements", rows);
            StringBuilder document = new StringBuilder(rows.length() + css.length() + 16 * 1024);
            PDF_TEMPLATE.render(html, PdfRendering.sections(from, to, ejs.size()), document);
            return document.toString();
        }
    }

    private static void amounts(StringBuilder html, Montant... amounts) {
        for (Montant amount : amounts) {
            PdfRendering.cell(html, "montant", FrenchFormat.amount(amount));
        }
    }

    private static String coFinancing(List<CompteRendu.CoFunder> coFunders) {
        if (coFunders.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(512);
        html.append("<h2>Cofinancements hors fonds de concours</h2><table class=\"synthese gauche\">");
        for (CompteRendu.CoFunder coFunder : coFunders) {
            PdfRendering.summaryRow(html, null, coFunder.funder(), FrenchFormat.amount(coFunder.amount()));
        }
        return html.append("</table>").toString();
    }

    /** The period the report covers, in words: one exercice, or the whole term. */
    private static String scope(CompteRendu report) {
        String period = "du " + FrenchFormat.date(report.from()) + " au " + FrenchFormat.date(report.to());
        return report.exercice() == null ? "Toute la durée de la convention (" + period + ")"
                : "Exercice " + report.exercice() + " (" + period + ")";
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.convention.Credits;
import fr.dinum.ledger.domain.convention.ExerciceLine;
import fr.dinum.ledger.domain.convention.FundingMode;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.CompteRendu;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    /**
     * The column headers of the CSV: one row per engagement juridique, whose restes à payer at the
     * end are those at the start + AE nettes − CP payés.
     */
    static final String[] CSV_HEADER = {"numéro EJ", "fournisseur", "SIRET", "objet", "date d'engagement",
            "restes à payer au début", "AE engagées", "AE désengagées", "AE nettes", "CP payés",
            "restes à payer à la fin"};

    static final String[] SHEET_EJ_HEADER = {"Numéro EJ", "Fournisseur", "SIRET", "Objet", "Date d'engagement",
            "Restes à payer au début", "AE engagées", "AE désengagées", "AE nettes", "CP payés",
            "Restes à payer à la fin"};

    /** The credits of each exercice: reported + opened − consumed − cancelled = carried over. */
    static final String[] SHEET_EXERCICE_HEADER = {"Exercice", "Montant reçu", "AE reportées au 1er janvier",
            "AE ouvertes", "AE consommées", "AE préfinancées", "AE annulées", "AE reportées au 31 décembre",
            "CP reportés au 1er janvier", "CP ouverts", "CP consommés", "CP préfinancés", "CP annulés",
            "CP reportés au 31 décembre"};

    static final String TITLE = "Compte-rendu de gestion";
    static final String SHEET_NAME = "Compte-rendu";

    private static final int[] COLUMN_WIDTHS = {24, 30, 16, 30, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16};
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
                    FrenchFormat.csvDate(ej.committedOn()), FrenchFormat.csvNumber(ej.restesAPayerAtStart()),
                    FrenchFormat.csvNumber(ej.aeCommitted()), FrenchFormat.csvNumber(ej.aeReleased()),
                    FrenchFormat.csvNumber(ej.aeNet()), FrenchFormat.csvNumber(ej.cpPaid()),
                    FrenchFormat.csvNumber(ej.restesAPayerAtEnd()));
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
        for (Figure figure : summary(report)) {
            sheet.field(figure.label(), figure.amount());
        }
        sheet.blank();
        sheet.header(SHEET_EXERCICE_HEADER);
        for (ExerciceLine year : report.byExercice()) {
            sheet.row(exerciceCells(year));
        }
        Credits credits = report.credits();
        sheet.total("Total", report.received(), credits.aeCarriedIn(), credits.aeOpened(), credits.aeConsumed(),
                credits.aePrefinanced(), credits.aeCancelled(), credits.aeCarriedOver(), credits.cpCarriedIn(),
                credits.cpOpened(), credits.cpConsumed(), credits.cpPrefinanced(), credits.cpCancelled(),
                credits.cpCarriedOver());
        sheet.blank();
        sheet.header(SHEET_EJ_HEADER);
        for (CompteRendu.EjFigures ej : report.byEj()) {
            sheet.row(ej.ejNumber(), ej.supplierName(), ej.supplierSiret(), ej.object(), ej.committedOn(),
                    ej.restesAPayerAtStart(), ej.aeCommitted(), ej.aeReleased(), ej.aeNet(), ej.cpPaid(),
                    ej.restesAPayerAtEnd());
        }
        sheet.total("Total", null, null, null, null, report.restesAPayerAtStart(), report.aeCommitted(),
                report.aeReleased(), report.aeNet(), report.cpPaid(), report.restesAPayerAtEnd());
        if (!report.coFinancing().isEmpty()) {
            sheet.blank();
            sheet.header(CO_FINANCING_HEADER);
            for (CompteRendu.CoFunder funder : report.coFinancing()) {
                sheet.row(funderLabel(funder), funder.amount(), FrenchFormat.percent(funder.share()),
                        funder.expensesShare());
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

            StringBuilder summary = new StringBuilder(2048);
            for (Figure figure : summary(report)) {
                PdfRendering.summaryRow(summary, figure.cssClass(), figure.label(), FrenchFormat.amount(figure.amount()));
            }
            fixed.put("summary", summary);

            StringBuilder years = new StringBuilder(256 + report.byExercice().size() * 800);
            for (ExerciceLine year : report.byExercice()) {
                years.append("<tr>");
                PdfRendering.cell(years, "code", Integer.toString(year.exercice()));
                Object[] cells = exerciceCells(year);
                for (int i = 1; i < cells.length; i++) {
                    amounts(years, (Montant) cells[i]);
                }
                years.append("</tr>\n");
            }
            Credits credits = report.credits();
            years.append("<tr class=\"total\"><td>Total</td>");
            amounts(years, report.received(), credits.aeCarriedIn(), credits.aeOpened(), credits.aeConsumed(),
                    credits.aePrefinanced(), credits.aeCancelled(), credits.aeCarriedOver(), credits.cpCarriedIn(),
                    credits.cpOpened(), credits.cpConsumed(), credits.cpPrefinanced(), credits.cpCancelled(),
                    credits.cpCarriedOver());
            years.append("</tr>");
            fixed.put("exercices", years);

            StringBuilder total = new StringBuilder(512);
            total.append("<tr class=\"total\"><td colspan=\"5\">Total</td>");
            amounts(total, report.restesAPayerAtStart(), report.aeCommitted(), report.aeReleased(), report.aeNet(),
                    report.cpPaid(), report.restesAPayerAtEnd());
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
                amounts(rows, ej.restesAPayerAtStart(), ej.aeCommitted(), ej.aeReleased(), ej.aeNet(), ej.cpPaid(),
                        ej.restesAPayerAtEnd());
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

    private static String coFinancing(List<CompteRendu.CoFunder> funders) {
        if (funders.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(1024);
        html.append("<h2>Cofinancement</h2><table class=\"lignes grille\"><thead><tr>");
        for (String label : CO_FINANCING_HEADER) {
            html.append("<th>").append(Markup.escape(label)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (CompteRendu.CoFunder funder : funders) {
            html.append("<tr>");
            PdfRendering.cell(html, null, funderLabel(funder));
            PdfRendering.cell(html, "montant", FrenchFormat.amount(funder.amount()));
            PdfRendering.cell(html, "montant", FrenchFormat.percent(funder.share()));
            PdfRendering.cell(html, "montant", FrenchFormat.amount(funder.expensesShare()));
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static final String[] CO_FINANCING_HEADER = {"Financeur", "Montant prévu", "Part",
            "Part des dépenses de la période"};

    private static String funderLabel(CompteRendu.CoFunder funder) {
        return funder.contributor() ? funder.funder() + " (fonds de concours)" : funder.funder() + " (hors fonds de concours)";
    }

    /** One figure of the summary, in the order a controller reads it. */
    record Figure(String label, Montant amount, String cssClass) {
        Figure(String label, Montant amount) {
            this(label, amount, null);
        }
    }

    /**
     * The summary: the credits of the period (carried in + opened − consumed − cancelled = carried
     * over), then the expenses, restes à payer, restitutions and what is due, then the money left.
     */
    static List<Figure> summary(CompteRendu report) {
        Credits credits = report.credits();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("Montant reçu", report.received()));
        if (report.overpaid().isPositive()) {
            figures.add(new Figure("dont trop-perçu, à restituer", report.overpaid()));
        }
        figures.add(new Figure("AE reportées au début de la période", credits.aeCarriedIn()));
        figures.add(new Figure("AE ouvertes", credits.aeOpened()));
        figures.add(new Figure("AE consommées (engagées nettes)", credits.aeConsumed()));
        figures.add(new Figure("AE annulées (restitutions)", credits.aeCancelled()));
        figures.add(new Figure("AE reportées à la fin de la période", credits.aeCarriedOver()));
        figures.add(new Figure("CP reportés au début de la période", credits.cpCarriedIn()));
        figures.add(new Figure("CP ouverts", credits.cpOpened()));
        figures.add(new Figure("CP consommés (payés)", credits.cpConsumed()));
        figures.add(new Figure("CP annulés (restitutions)", credits.cpCancelled()));
        figures.add(new Figure("CP reportés à la fin de la période", credits.cpCarriedOver()));
        if (report.fundingMode() == FundingMode.REIMBURSEMENT) {
            figures.add(new Figure("AE préfinancées sur les crédits du programme", credits.aePrefinanced()));
            figures.add(new Figure("CP préfinancés sur les crédits du programme", credits.cpPrefinanced()));
        }
        figures.add(new Figure("AE engagées", report.aeCommitted()));
        figures.add(new Figure("AE désengagées", report.aeReleased()));
        figures.add(new Figure("CP payés", report.cpPaid()));
        figures.add(new Figure("Restes à payer au début de la période", report.restesAPayerAtStart()));
        figures.add(new Figure("Restes à payer à la fin de la période", report.restesAPayerAtEnd()));
        figures.add(new Figure("Montant restitué", report.restituted()));
        figures.add(new Figure("Restitution due", report.restitutionDue()));
        figures.add(new Figure("Contribution due", report.contributionDue()));
        figures.add(new Figure("Solde", report.balance(), "solde"));
        return figures;
    }

    private static Object[] exerciceCells(ExerciceLine year) {
        return new Object[]{year.exercice(), year.received(), year.aeCarriedIn(), year.aeOpened(), year.aeConsumed(),
                year.aePrefinanced(), year.aeCancelled(), year.aeCarriedOver(), year.cpCarriedIn(), year.cpOpened(),
                year.cpConsumed(), year.cpPrefinanced(), year.cpCancelled(), year.cpCarriedOver()};
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

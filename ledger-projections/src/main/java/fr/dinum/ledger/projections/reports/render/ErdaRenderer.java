package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an ERDA (état récapitulatif des dépenses acceptées) as CSV, PDF, XLSX or ODS. JSON is not
 * its job: the REST layer serialises the {@link ErdaDocument} record itself.
 *
 * <p>The renderer is stateless and thread-safe. It writes into the caller's stream as it goes and
 * never closes it.
 */
@Component
public class ErdaRenderer {

    /** The column headers of the CSV, in the order of DOMAIN.md, in the words of finance staff. */
    static final String[] CSV_HEADER = {"exercice", "numéro EJ", "fournisseur", "SIRET", "objet",
            "date d'engagement", "montant AE", "numéro DP", "date de service fait", "date de paiement",
            "montant payé", "cumul"};

    /** The same columns, capitalised, for the spreadsheets. */
    static final String[] SHEET_HEADER = {"Exercice", "Numéro EJ", "Fournisseur", "SIRET", "Objet",
            "Date d'engagement", "Montant AE", "Numéro DP", "Date de service fait", "Date de paiement",
            "Montant payé", "Cumul"};

    static final String TITLE = "État récapitulatif des dépenses acceptées";
    static final String FINAL_MENTION = "ERDA final (cumulatif depuis l'origine)";
    static final String SHEET_NAME = "ERDA";

    private static final int[] COLUMN_WIDTHS = {24, 12, 30, 16, 30, 12, 16, 11, 12, 12, 16, 16};
    private static final Template PDF_TEMPLATE = Template.load("reports/erda.xhtml");
    /** About the length of the HTML of one line, so that the builder of a long ERDA grows rarely. */
    private static final int HTML_PER_LINE = 640;

    /**
     * Writes the ERDA in the given format.
     *
     * @param erda   the live or issued ERDA
     * @param format CSV, PDF, XLSX or ODS
     * @param out    the stream to write to; it is flushed, not closed
     * @throws IllegalArgumentException for JSON, which the REST layer serialises itself
     * @throws UncheckedIOException     if the stream fails
     */
    public void write(ErdaDocument erda, ReportFormat format, OutputStream out) {
        Objects.requireNonNull(erda, "erda");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            switch (format) {
                case CSV -> writeCsv(erda.content(), out);
                case PDF -> PdfRendering.render(new ErdaHtml(erda), out);
                case XLSX -> writeSheet(erda, new XlsxSheetWriter(out, SHEET_NAME, COLUMN_WIDTHS));
                case ODS -> writeSheet(erda, new OdsSheetWriter(out, SHEET_NAME, COLUMN_WIDTHS));
                case JSON -> throw new IllegalArgumentException(
                        "JSON is serialised by the REST layer from the ErdaDocument record, not rendered");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ERDA of " + erda.content().conventionId(), e);
        }
    }

    /**
     * One header row, then one row per payment. The totals, the amount received and the balance are
     * not in the CSV: a CSV is one table that programs and spreadsheets import as such, and a totals
     * row would be read as one more payment (a SUM over the column would count every euro twice) and
     * would break the typing of the columns. The total paid is the last "cumul", and the other
     * figures are in the PDF, the spreadsheets and the JSON.
     */
    private static void writeCsv(ErdaContent content, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(CSV_HEADER);
        for (ErdaContent.Line line : content.lines()) {
            csv.row(Integer.toString(line.exercice()), CsvWriter.text(line.ejNumber()),
                    CsvWriter.text(line.supplierName()), CsvWriter.text(line.supplierSiret()),
                    CsvWriter.text(line.object()), FrenchFormat.csvDate(line.committedOn()),
                    FrenchFormat.csvNumber(line.aeAmount()), CsvWriter.text(line.dpNumber()),
                    FrenchFormat.csvDate(line.serviceFaitOn()), FrenchFormat.csvDate(line.paidOn()),
                    FrenchFormat.csvNumber(line.amountPaid()), FrenchFormat.csvNumber(line.cumulative()));
        }
        csv.flush();
    }

    private static void writeSheet(ErdaDocument erda, SheetWriter sheet) throws IOException {
        ErdaContent content = erda.content();
        sheet.title(TITLE);
        sheet.field("Convention", content.conventionId());
        sheet.field("Intitulé", content.title());
        sheet.field("Partie versante", content.contributorName());
        sheet.field("SIREN", content.contributorSiren());
        sheet.field("Bénéficiaire", content.beneficiary());
        sheet.field("Fonds de concours", content.fundCode());
        sheet.field("Programme", content.programme());
        sheet.field("BOP", content.bop());
        sheet.field("Début de période", content.periodStart());
        sheet.field("Fin de période", content.periodEnd());
        sheet.field("ERDA n°", erda.issued() ? erda.number().toString() : "État provisoire, non émis");
        sheet.field("Arrêté au", content.asOf());
        if (content.finalErda()) {
            sheet.field("Nature", FINAL_MENTION);
        }
        if (erda.issued()) {
            sheet.field("Émis le", erda.issuedOn());
            sheet.field("Empreinte SHA-256", erda.sha256());
        }
        sheet.blank();
        sheet.header(SHEET_HEADER);
        for (ErdaContent.Line line : content.lines()) {
            sheet.row(line.exercice(), line.ejNumber(), line.supplierName(), line.supplierSiret(), line.object(),
                    line.committedOn(), line.aeAmount(), line.dpNumber(), line.serviceFaitOn(), line.paidOn(),
                    line.amountPaid(), line.cumulative());
        }
        sheet.total("Total", null, null, null, null, null, content.totalAe(), null, null, null,
                content.totalPaid(), null);
        sheet.blank();
        sheet.field("Montant reçu", content.received());
        sheet.field("Montant restitué", content.restituted());
        sheet.field("Solde", content.balance());
        sheet.blank();
        signatureField(sheet, PdfRendering.ORDONNATEUR_LABEL, erda, "ORDONNATEUR");
        signatureField(sheet, PdfRendering.COMPTABLE_LABEL, erda, "COMPTABLE");
        sheet.finish();
    }

    private static void signatureField(SheetWriter sheet, String label, ErdaDocument erda, String role)
            throws IOException {
        ErdaDocument.Signature found = erda.signatures().stream()
                .filter(signature -> role.equalsIgnoreCase(signature.role())).findFirst().orElse(null);
        sheet.field(label, found == null ? "non signé"
                : found.signer() + ", le " + FrenchFormat.date(found.signedOn()));
    }

    /** The whole XHTML of the PDF in one part, as the tests read it. */
    static String html(ErdaDocument erda) {
        ErdaHtml html = new ErdaHtml(erda);
        return html.html(0, html.rows(), PdfRendering.CSS);
    }

    /** The ERDA as XHTML parts: the fragments that do not depend on the rows are built once. */
    static final class ErdaHtml implements PagedHtml {

        private final List<ErdaContent.Line> lines;
        private final Map<String, CharSequence> fixed = new HashMap<>();

        ErdaHtml(ErdaDocument erda) {
            ErdaContent content = erda.content();
            this.lines = content.lines();
            fixed.put("documentTitle", Markup.escape("ERDA " + content.conventionId()
                    + (erda.issued() ? " n° " + erda.number() : "") + " au " + FrenchFormat.date(content.asOf())));
            fixed.put("status", Markup.escape(status(erda)));
            fixed.put("footer", footer(erda));
            fixed.put("header", header(erda));

            StringBuilder total = new StringBuilder(512);
            total.append("<tr class=\"total\"><td colspan=\"6\">Total</td>");
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalAe()));
            total.append("<td colspan=\"3\"></td>");
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalPaid()));
            total.append("<td></td></tr>");
            fixed.put("totalRow", total);

            StringBuilder totals = new StringBuilder(512);
            PdfRendering.summaryRow(totals, null, "Total des AE engagées", FrenchFormat.amount(content.totalAe()));
            PdfRendering.summaryRow(totals, null, "Total des dépenses payées",
                    FrenchFormat.amount(content.totalPaid()));
            PdfRendering.summaryRow(totals, null, "Montant reçu", FrenchFormat.amount(content.received()));
            PdfRendering.summaryRow(totals, null, "Montant restitué", FrenchFormat.amount(content.restituted()));
            PdfRendering.summaryRow(totals, "solde", "Solde", FrenchFormat.amount(content.balance()));
            fixed.put("totals", totals);
            fixed.put("signatures", PdfRendering.signatures(erda.signatures()));
        }

        @Override
        public int rows() {
            return lines.size();
        }

        @Override
        public String html(int from, int to, String css) {
            StringBuilder rows = new StringBuilder((to - from) * HTML_PER_LINE + 256);
            for (int index = from; index < to; index++) {
                ErdaContent.Line line = lines.get(index);
                PdfRendering.openRow(rows, from, index);
                PdfRendering.cell(rows, "code", Integer.toString(line.exercice()));
                PdfRendering.cell(rows, "code", line.ejNumber());
                PdfRendering.cell(rows, null, line.supplierName());
                PdfRendering.cell(rows, "code", line.supplierSiret());
                PdfRendering.cell(rows, null, line.object());
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.committedOn()));
                PdfRendering.cell(rows, "montant", FrenchFormat.amount(line.aeAmount()));
                PdfRendering.cell(rows, "code", line.dpNumber());
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.serviceFaitOn()));
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.paidOn()));
                PdfRendering.cell(rows, "montant", FrenchFormat.amount(line.amountPaid()));
                PdfRendering.cell(rows, "montant", FrenchFormat.amount(line.cumulative()));
                rows.append("</tr>\n");
            }
            if (lines.isEmpty()) {
                rows.append("<tr class=\"vide\"><td colspan=\"12\">Aucune dépense payée à cette date.</td></tr>\n");
            }
            Map<String, CharSequence> html = new HashMap<>(fixed);
            html.put("css", css);
            html.put("lines", rows);
            StringBuilder document = new StringBuilder(rows.length() + css.length() + 8 * 1024);
            PDF_TEMPLATE.render(html, PdfRendering.sections(from, to, lines.size()), document);
            return document.toString();
        }
    }

    private static String status(ErdaDocument erda) {
        String asOf = FrenchFormat.date(erda.content().asOf());
        String status = erda.issued() ? "ERDA n° " + erda.number() + " arrêté au " + asOf
                : "État provisoire arrêté au " + asOf + " (non émis)";
        return erda.content().finalErda() ? status + " — " + FINAL_MENTION : status;
    }

    private static String header(ErdaDocument erda) {
        ErdaContent content = erda.content();
        StringBuilder html = new StringBuilder(2048);
        PdfRendering.headerRow(html, "Convention", join(" — ", content.conventionId(), content.title()));
        PdfRendering.headerRow(html, "Partie versante", content.contributorName()
                + (content.contributorSiren() == null ? "" : " (SIREN " + content.contributorSiren() + ")"));
        PdfRendering.headerRow(html, "Bénéficiaire", content.beneficiary());
        PdfRendering.headerRow(html, "Imputation", "Fonds de concours " + nonNull(content.fundCode())
                + " — programme " + nonNull(content.programme()) + " — BOP " + nonNull(content.bop()));
        PdfRendering.headerRow(html, "Période", period(content));
        PdfRendering.headerRow(html, "ERDA", erda.issued()
                ? "n° " + erda.number() + ", arrêté au " + FrenchFormat.date(content.asOf())
                        + (erda.issuedOn() == null ? "" : ", émis le " + FrenchFormat.date(erda.issuedOn()))
                : "État provisoire arrêté au " + FrenchFormat.date(content.asOf()) + ", non émis");
        if (content.finalErda()) {
            PdfRendering.headerRow(html, "Nature", FINAL_MENTION);
        }
        if (erda.issued() && erda.sha256() != null) {
            PdfRendering.headerRowHtml(html, "Empreinte SHA-256",
                    "<span class=\"empreinte\">" + Markup.escape(erda.sha256()) + "</span>");
        }
        return html.toString();
    }

    /** The running footer: what the page belongs to, with the hash of an issued ERDA on every page. */
    private static String footer(ErdaDocument erda) {
        ErdaContent content = erda.content();
        String text = "Convention " + content.conventionId() + " — ";
        if (!erda.issued()) {
            return Markup.escape(text + "ERDA provisoire arrêté au " + FrenchFormat.date(content.asOf()));
        }
        return Markup.escape(text + "ERDA n° " + erda.number() + " arrêté au " + FrenchFormat.date(content.asOf()))
                + "<br/>SHA-256 : <span class=\"empreinte\">" + Markup.escape(erda.sha256()) + "</span>";
    }

    private static String period(ErdaContent content) {
        if (content.periodStart() == null && content.periodEnd() == null) {
            return "";
        }
        return (content.periodStart() == null ? "" : "du " + FrenchFormat.date(content.periodStart()) + " ")
                + (content.periodEnd() == null ? "" : "au " + FrenchFormat.date(content.periodEnd()));
    }

    private static String join(String separator, String first, String second) {
        return first + (second == null || second.isBlank() ? "" : separator + second);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

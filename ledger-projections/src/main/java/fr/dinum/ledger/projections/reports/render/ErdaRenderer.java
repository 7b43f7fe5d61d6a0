package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes an ERDA (état récapitulatif des dépenses acceptées) as CSV, PDF, XLSX or ODS. JSON is not
 * its job: the REST layer serialises the {@link ErdaDocument} record itself.
 *
 * <p>Every format has the same table, laid out as a comptable reads it (docs/reference/domain-choices.md,
 * "ERDAs"): one line per engagement juridique ("EJ") carrying its AE committed, released and net and
 * its reste à payer, then one line per payment ("DP") on it carrying the amount paid. An amount is
 * never repeated, so each amount column adds up to its total: the AE totals are the sums of the EJ
 * lines, the total paid is the sum of the DP lines.
 *
 * <p>A live ERDA is a draft: it says "PROJET — non émis" and has no signature blocks.
 *
 * <p>The renderer is stateless and thread-safe. It writes into the caller's stream as it goes and
 * never closes it.
 */
@Component
public class ErdaRenderer {

    /** The column headers of the CSV, in the words of finance staff. */
    static final String[] CSV_HEADER = {"ligne", "numéro EJ", "numéro DP", "exercice", "fournisseur", "SIRET",
            "objet", "référence facture", "date d'engagement", "date de service fait", "date de paiement",
            "AE engagées", "AE dégagées", "AE nettes", "montant payé", "reste à payer"};

    /** The same columns, capitalised, for the spreadsheets. */
    static final String[] SHEET_HEADER = {"Ligne", "Numéro EJ", "Numéro DP", "Exercice", "Fournisseur", "SIRET",
            "Objet", "Référence facture", "Date d'engagement", "Date de service fait", "Date de paiement",
            "AE engagées", "AE dégagées", "AE nettes", "Montant payé", "Reste à payer"};

    /** The kind of a line, in its first column: an engagement juridique or a payment on it. */
    static final String EJ_LINE = "EJ";
    static final String DP_LINE = "DP";

    static final String TITLE = "État récapitulatif des dépenses acceptées";
    static final String FINAL_MENTION = "ERDA final (cumulatif depuis l'origine)";
    static final String DRAFT_MENTION = "PROJET — non émis";
    static final String SHEET_NAME = "ERDA";

    private static final int[] COLUMN_WIDTHS = {6, 12, 11, 9, 30, 16, 30, 16, 12, 12, 12, 16, 16, 16, 16, 16};
    private static final Template PDF_TEMPLATE = Template.load("reports/erda.xhtml");
    /** About the length of the HTML of one line, so that the builder of a long ERDA grows rarely. */
    private static final int HTML_PER_LINE = 720;

    /**
     * One line of the table: an EJ with its AE and reste à payer, or a payment with its amount; the
     * amounts of the other kind are null, never repeated.
     */
    record Line(boolean ej, String ejNumber, String dpNumber, int exercice, String supplierName,
                String supplierSiret, String object, String invoiceReference, java.time.LocalDate committedOn,
                java.time.LocalDate serviceFaitOn, java.time.LocalDate paidOn, Montant aeCommitted,
                Montant aeReleased, Montant aeNet, Montant paid, Montant restesAPayer) {

        String kind() {
            return ej ? EJ_LINE : DP_LINE;
        }
    }

    /** The lines of the table in order: each EJ, then its payments. */
    static List<Line> lines(ErdaContent content) {
        List<Line> lines = new ArrayList<>(content.commitments().size() + content.paymentCount());
        for (ErdaContent.Commitment ej : content.commitments()) {
            lines.add(new Line(true, ej.ejNumber(), null, ej.committedOn().getYear(), ej.supplierName(),
                    ej.supplierSiret(), ej.object(), null, ej.committedOn(), null, null, ej.aeCommitted(),
                    ej.aeReleased(), ej.aeNet(), null, ej.restesAPayer()));
            for (ErdaContent.Payment dp : ej.payments()) {
                lines.add(new Line(false, ej.ejNumber(), dp.dpNumber(), dp.exercice(), null, null, null,
                        dp.invoiceReference(), null, dp.serviceFaitOn(), dp.paidOn(), null, null, null, dp.amount(),
                        null));
            }
        }
        return lines;
    }

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
     * One header row, then the EJ and DP lines. The totals, the amount received and the balance are
     * not in the CSV: a CSV is one table that programs and spreadsheets import as such, and a totals
     * row would be read as one more line (a SUM over a column would count every euro twice) and
     * would break the typing of the columns. Each amount column sums to its total, which the PDF, the
     * spreadsheets and the JSON print.
     */
    private static void writeCsv(ErdaContent content, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.row(CSV_HEADER);
        for (Line line : lines(content)) {
            csv.row(line.kind(), CsvWriter.text(line.ejNumber()), CsvWriter.text(line.dpNumber()),
                    Integer.toString(line.exercice()), CsvWriter.text(line.supplierName()),
                    CsvWriter.text(line.supplierSiret()), CsvWriter.text(line.object()),
                    CsvWriter.text(line.invoiceReference()), FrenchFormat.csvDate(line.committedOn()),
                    FrenchFormat.csvDate(line.serviceFaitOn()), FrenchFormat.csvDate(line.paidOn()),
                    csvAmount(line.aeCommitted()), csvAmount(line.aeReleased()), csvAmount(line.aeNet()),
                    csvAmount(line.paid()), csvAmount(line.restesAPayer()));
        }
        csv.flush();
    }

    private static String csvAmount(Montant amount) {
        return amount == null ? "" : FrenchFormat.csvNumber(amount);
    }

    private static void writeSheet(ErdaDocument erda, SheetWriter sheet) throws IOException {
        ErdaContent content = erda.content();
        sheet.title(TITLE);
        if (!erda.issued()) {
            sheet.field("Statut", DRAFT_MENTION);
        }
        sheet.field("Convention", content.conventionId());
        sheet.field("Intitulé", content.title());
        sheet.field("Partie versante", content.contributorName());
        sheet.field("SIREN", content.contributorSiren());
        sheet.field("Bénéficiaire", content.beneficiary());
        sheet.field("Fonds de concours", content.fundCode());
        sheet.field("Programme", content.programme());
        sheet.field("BOP", content.bop());
        sheet.field("Mode de financement", fundingMode(content));
        sheet.field("Montant de la convention", content.amount());
        for (ErdaContent.CoFunder coFunder : content.coFinancing()) {
            sheet.field("Cofinancement : " + coFunder.funder(), coFunder.amount());
        }
        sheet.field("Début de période", content.periodStart());
        sheet.field("Fin de période", content.periodEnd());
        sheet.field("ERDA n°", erda.issued() ? erda.number().toString() : DRAFT_MENTION);
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
        for (Line line : lines(content)) {
            sheet.row(line.kind(), line.ejNumber(), line.dpNumber(), line.exercice(), line.supplierName(),
                    line.supplierSiret(), line.object(), line.invoiceReference(), line.committedOn(),
                    line.serviceFaitOn(), line.paidOn(), line.aeCommitted(), line.aeReleased(), line.aeNet(),
                    line.paid(), line.restesAPayer());
        }
        sheet.total("Total", null, null, null, null, null, null, null, null, null, null, content.totalAeCommitted(),
                content.totalAeReleased(), content.totalAeNet(), content.totalPaid(), content.totalRestesAPayer());
        sheet.blank();
        sheet.field("Montant reçu", content.received());
        sheet.field("Montant restitué", content.restituted());
        sheet.field("Solde (reçu - payé - restitué)", content.balance());
        if (showsContributionDue(content)) {
            sheet.field(CONTRIBUTION_DUE_LABEL, content.contributionDue());
        }
        if (erda.issued()) {
            sheet.blank();
            signatureField(sheet, PdfRendering.ORDONNATEUR_LABEL, erda, "ORDONNATEUR");
            signatureField(sheet, PdfRendering.COMPTABLE_LABEL, erda, "COMPTABLE");
        }
        sheet.finish();
    }

    static final String CONTRIBUTION_DUE_LABEL = "Montant dû par la partie versante";

    /** A reimbursement always says what the contributor owes; an advance only when it owes something. */
    static boolean showsContributionDue(ErdaContent content) {
        return content.reimbursement()
                || (content.contributionDue() != null && content.contributionDue().isPositive());
    }

    /**
     * The sentence that says plainly what the contributor owes at the ERDA's date. Labels use the
     * hyphen-minus: the PDF's standard fonts have no U+2212 minus sign.
     */
    static String contributionDueSentence(ErdaContent content) {
        return "Au " + FrenchFormat.date(content.asOf()) + ", " + nonNull(content.contributorName())
                + " doit " + FrenchFormat.amount(content.contributionDue())
                + (content.reimbursement()
                ? " (le plus petit du montant de la convention et des dépenses payées, moins le montant reçu)." : ".");
    }

    private static String fundingMode(ErdaContent content) {
        return content.reimbursement() ? "Remboursement (dépenses préfinancées, contribution versée après clôture)"
                : "Avance (contribution versée avant la dépense)";
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

        private final List<Line> lines;
        private final Map<String, CharSequence> fixed = new HashMap<>();

        ErdaHtml(ErdaDocument erda) {
            ErdaContent content = erda.content();
            this.lines = lines(content);
            fixed.put("documentTitle", Markup.escape("ERDA " + content.conventionId()
                    + (erda.issued() ? " n° " + erda.number() : " (projet)") + " au "
                    + FrenchFormat.date(content.asOf())));
            fixed.put("draft", erda.issued() ? ""
                    : "<p class=\"statut projet\">" + Markup.escape(DRAFT_MENTION) + "</p>");
            fixed.put("status", Markup.escape(status(erda)));
            fixed.put("footer", footer(erda));
            fixed.put("header", header(erda));

            StringBuilder total = new StringBuilder(512);
            total.append("<tr class=\"total\"><td colspan=\"10\">Total</td>");
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalAeCommitted()));
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalAeReleased()));
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalAeNet()));
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalPaid()));
            PdfRendering.cell(total, "montant", FrenchFormat.amount(content.totalRestesAPayer()));
            total.append("</tr>");
            fixed.put("totalRow", total);

            StringBuilder totals = new StringBuilder(512);
            PdfRendering.summaryRow(totals, null, "Total des AE nettes engagées",
                    FrenchFormat.amount(content.totalAeNet()));
            PdfRendering.summaryRow(totals, null, "Total des dépenses payées",
                    FrenchFormat.amount(content.totalPaid()));
            PdfRendering.summaryRow(totals, null, "Restes à payer", FrenchFormat.amount(content.totalRestesAPayer()));
            PdfRendering.summaryRow(totals, null, "Montant reçu", FrenchFormat.amount(content.received()));
            PdfRendering.summaryRow(totals, null, "Montant restitué", FrenchFormat.amount(content.restituted()));
            PdfRendering.summaryRow(totals, "solde", "Solde (reçu - payé - restitué)",
                    FrenchFormat.amount(content.balance()));
            if (showsContributionDue(content)) {
                PdfRendering.summaryRow(totals, "solde", CONTRIBUTION_DUE_LABEL,
                        FrenchFormat.amount(content.contributionDue()));
            }
            fixed.put("totals", totals);
            fixed.put("due", showsContributionDue(content)
                    ? "<p class=\"du\">" + Markup.escape(contributionDueSentence(content)) + "</p>" : "");
            // A draft is not signed: it has no signature blocks.
            fixed.put("signatures", erda.issued() ? "<table class=\"signatures\"><tr>"
                    + PdfRendering.signatures(erda.signatures()) + "</tr></table>" : "");
        }

        @Override
        public int rows() {
            return lines.size();
        }

        @Override
        public String html(int from, int to, String css) {
            StringBuilder rows = new StringBuilder((to - from) * HTML_PER_LINE + 256);
            for (int index = from; index < to; index++) {
                Line line = lines.get(index);
                PdfRendering.openRow(rows, from, index, line.ej() ? "ej" : null);
                PdfRendering.cell(rows, "code", line.ejNumber());
                PdfRendering.cell(rows, "code", line.dpNumber());
                PdfRendering.cell(rows, "code", Integer.toString(line.exercice()));
                PdfRendering.cell(rows, null, line.supplierName());
                PdfRendering.cell(rows, "code", line.supplierSiret());
                PdfRendering.cell(rows, null, line.object());
                PdfRendering.cell(rows, null, line.invoiceReference());
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.committedOn()));
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.serviceFaitOn()));
                PdfRendering.cell(rows, "date", FrenchFormat.date(line.paidOn()));
                PdfRendering.cell(rows, "montant", amount(line.aeCommitted()));
                PdfRendering.cell(rows, "montant", amount(line.aeReleased()));
                PdfRendering.cell(rows, "montant", amount(line.aeNet()));
                PdfRendering.cell(rows, "montant", amount(line.paid()));
                PdfRendering.cell(rows, "montant", amount(line.restesAPayer()));
                rows.append("</tr>\n");
            }
            if (lines.isEmpty()) {
                rows.append("<tr class=\"vide\"><td colspan=\"15\">Aucun engagement à cette date.</td></tr>\n");
            }
            Map<String, CharSequence> html = new HashMap<>(fixed);
            html.put("css", css);
            html.put("lines", rows);
            StringBuilder document = new StringBuilder(rows.length() + css.length() + 8 * 1024);
            PDF_TEMPLATE.render(html, PdfRendering.sections(from, to, lines.size()), document);
            return document.toString();
        }
    }

    private static String amount(Montant amount) {
        return amount == null ? "" : FrenchFormat.amount(amount);
    }

    private static String status(ErdaDocument erda) {
        String asOf = FrenchFormat.date(erda.content().asOf());
        String status = erda.issued() ? "ERDA n° " + erda.number() + " arrêté au " + asOf
                : "État provisoire arrêté au " + asOf + " (non émis, non signable)";
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
        PdfRendering.headerRow(html, "Financement", fundingMode(content) + " — montant de la convention "
                + (content.amount() == null ? "" : FrenchFormat.amount(content.amount())));
        if (!content.coFinancing().isEmpty()) {
            PdfRendering.headerRow(html, "Cofinancement", content.coFinancing().stream()
                    .map(c -> c.funder() + " : " + FrenchFormat.amount(c.amount()))
                    .collect(Collectors.joining(" ; ")));
        }
        PdfRendering.headerRow(html, "Période", period(content));
        PdfRendering.headerRow(html, "ERDA", erda.issued()
                ? "n° " + erda.number() + ", arrêté au " + FrenchFormat.date(content.asOf())
                        + (erda.issuedOn() == null ? "" : ", émis le " + FrenchFormat.date(erda.issuedOn()))
                : DRAFT_MENTION + " — état provisoire arrêté au " + FrenchFormat.date(content.asOf()));
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
            return Markup.escape(text + DRAFT_MENTION + " — ERDA provisoire arrêté au "
                    + FrenchFormat.date(content.asOf()));
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

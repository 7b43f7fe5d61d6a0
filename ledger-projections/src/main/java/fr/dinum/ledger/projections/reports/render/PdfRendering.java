package fr.dinum.ledger.projections.reports.render;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import fr.dinum.ledger.projections.reports.ErdaDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Turns the XHTML of a report into a PDF with openhtmltopdf, and holds the HTML pieces both reports
 * share: the style sheet, the rows of the header block and the signature blocks.
 */
final class PdfRendering {

    /** The style sheet of both reports, read once. */
    static final String CSS = Template.read("reports/report.css");

    /**
     * The number of rows of each {@code <tbody>} of a long table. openhtmltopdf recomputes the cell
     * widths of every row of a table section each time a row is moved to the next page, which makes a
     * single section of n rows cost O(n × pages); sections of a few dozen rows keep that work
     * proportional to the rows, and HTML allows any number of {@code <tbody>} in a table.
     */
    static final int ROWS_PER_SECTION = 50;

    static final String ORDONNATEUR_LABEL = "L’ordonnateur (délégation pour les engagements)";
    static final String COMPTABLE_LABEL = "Le comptable assignataire (paiements)";

    private PdfRendering() {
    }

    /**
     * Renders the document into the caller's stream, which stays open.
     *
     * <p>The fast renderer of openhtmltopdf is the only one since 1.0.11 ({@code useFastMode()} is
     * deprecated and does nothing), so it is not called. The document refers to nothing outside
     * itself: every external resource (image, font, style sheet, link) is refused, so that even a
     * value that slipped through escaping could not make the server fetch a URL or read a file.
     *
     * @param xhtml the well-formed XHTML of the report
     * @param out   the caller's stream
     */
    static void render(String xhtml, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.withHtmlContent(xhtml, null);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withProducer("fdc-ledger");
        builder.toStream(new NonClosingOutputStream(out));
        builder.run();
    }

    /** Appends a row of the header block: a label and its value, both given as raw text. */
    static void headerRow(StringBuilder html, String label, String value) {
        headerRowHtml(html, label, Markup.escape(value));
    }

    /** Appends a row of the header block whose value is already HTML. */
    static void headerRowHtml(StringBuilder html, String label, String valueHtml) {
        html.append("<tr><th>").append(Markup.escape(label)).append("</th><td>").append(valueHtml)
                .append("</td></tr>\n");
    }

    /** Appends a row of a summary table: a label and an amount. */
    static void summaryRow(StringBuilder html, String cssClass, String label, String amount) {
        html.append("<tr").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append("><th>")
                .append(Markup.escape(label)).append("</th><td>").append(Markup.escape(amount)).append("</td></tr>\n");
    }

    /** Appends a table cell with its class, the value given as raw text. */
    static void cell(StringBuilder html, String cssClass, String value) {
        html.append("<td");
        if (cssClass != null) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>').append(Markup.escape(value)).append("</td>");
    }

    /**
     * The two signature blocks, the ordonnateur's and the comptable assignataire's, each filled with
     * its signer and date when the document bears that signature, and left blank for a handwritten
     * one otherwise.
     */
    static String signatures(List<ErdaDocument.Signature> signatures) {
        StringBuilder html = new StringBuilder(512);
        signatureBlock(html, ORDONNATEUR_LABEL, find(signatures, "ORDONNATEUR"));
        signatureBlock(html, COMPTABLE_LABEL, find(signatures, "COMPTABLE"));
        return html.toString();
    }

    private static ErdaDocument.Signature find(List<ErdaDocument.Signature> signatures, String role) {
        for (ErdaDocument.Signature signature : signatures) {
            if (role.equalsIgnoreCase(signature.role())) {
                return signature;
            }
        }
        return null;
    }

    private static void signatureBlock(StringBuilder html, String label, ErdaDocument.Signature signature) {
        html.append("<td><p class=\"role\">").append(Markup.escape(label)).append("</p>");
        if (signature == null) {
            html.append("<p class=\"signataire\">Nom, date et signature :</p>");
        } else {
            html.append("<p class=\"signataire\">Signé par ").append(Markup.escape(signature.signer())).append("</p>")
                    .append("<p class=\"signataire\">le ").append(Markup.escape(FrenchFormat.date(signature.signedOn())))
                    .append("</p>");
        }
        html.append("</td>");
    }
}

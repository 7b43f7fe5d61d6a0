package fr.dinum.ledger.projections.reports.render;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.PageBox;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the XHTML of a report into an A4 PDF with openhtmltopdf, and holds the HTML pieces both
 * reports share: the style sheet, the rows of the header block and the signature blocks.
 *
 * <p><b>Long reports are laid out in parts.</b> openhtmltopdf keeps the whole box tree of a document
 * in memory until the last page is written, about 40 KiB per ERDA line: a 10 000-line ERDA needs
 * more than 400 MiB of heap and its time grows faster than its length. So the long table is laid out
 * {@value #ROWS_PER_PART} rows at a time into the same PDF document: each part is an XHTML document
 * of its own, with the table header row, and its page numbers continue from the previous part.
 * Pages stay full: the last page of a part (usually half empty) is dropped, and its rows start the
 * next part. Only one part is laid out at a time, so the heap needed no longer depends on the length
 * of the report.
 *
 * <p><b>"page X / Y".</b> A report that fits in one part numbers its pages with the CSS counters
 * {@code counter(page)} and {@code counter(pages)} of the {@code @bottom-right} margin box. In a
 * report of several parts a part does not know the total number of pages when it is laid out, so the
 * margin box is left empty and the same text is drawn on every page, with the same font and at the
 * same place, once all the parts are written.
 */
final class PdfRendering {

    /** The style sheet of both reports, read once. */
    static final String CSS = Template.read("reports/report.css");

    /**
     * The rows of the long table laid out at once: about twenty pages of an ERDA, enough for the
     * page dropped at the end of each part to cost little, small enough to keep the heap low.
     */
    static final int ROWS_PER_PART = 1000;

    static final String ORDONNATEUR_LABEL = "L’ordonnateur (délégation pour les engagements)";
    static final String COMPTABLE_LABEL = "Le comptable assignataire (paiements)";

    /** The prefix of the id of each row of the long table, followed by its index. */
    static final String ROW_ID = "r";

    /** Leaves the CSS page counter out when the page numbers are drawn afterwards. */
    private static final String NO_CSS_PAGE_NUMBERS = "\n@page { @bottom-right { content: \"\"; } }\n";

    /*
     * Where the CSS puts "page X / Y": 10 mm from the right edge, and under the top of the 16 mm
     * bottom margin, in 8 pt Helvetica (see report.css). Points are 1/72 inch.
     */
    private static final float MILLIMETRE = 72f / 25.4f;
    private static final float PAGE_NUMBER_RIGHT = 10 * MILLIMETRE;
    private static final float PAGE_NUMBER_BASELINE = 16 * MILLIMETRE - 7.5f;
    private static final float PAGE_NUMBER_SIZE = 8;

    private PdfRendering() {
    }

    /**
     * Renders the report into the caller's stream, which stays open.
     *
     * @param report the report, by parts
     * @param out    the caller's stream
     */
    static void render(PagedHtml report, OutputStream out) throws IOException {
        render(report, ROWS_PER_PART, out);
    }

    /** Renders with a given part size; the tests use small parts to exercise the joins. */
    static void render(PagedHtml report, int rowsPerPart, OutputStream out) throws IOException {
        int rows = report.rows();
        if (rows <= rowsPerPart) {
            try (PDDocument document = new PDDocument()) {
                renderPart(document, report.html(0, rows, CSS), 1, false, 0);
                document.save(new NonClosingOutputStream(out));
            }
            return;
        }
        try (PDDocument document = new PDDocument()) {
            String css = CSS + NO_CSS_PAGE_NUMBERS;
            int from = 0;
            while (from < rows) {
                int to = Math.min(rows, from + rowsPerPart);
                boolean last = to == rows;
                int firstPage = document.getNumberOfPages() + 1;
                int next = renderPart(document, report.html(from, to, css), firstPage, !last, from);
                from = next > from ? next : to;
            }
            numberPages(document);
            document.save(new NonClosingOutputStream(out));
        }
    }

    /**
     * Lays out one part and writes its pages into the document.
     *
     * <p>The fast renderer of openhtmltopdf is the only one since 1.0.11 ({@code useFastMode()} is
     * deprecated and does nothing), so it is not called. The document refers to nothing outside
     * itself: every external resource (image, font, style sheet, link) is refused, so that even a
     * value that slipped through escaping could not make the server fetch a URL or read a file.
     *
     * @param dropLastPage whether the last page is dropped so that its rows start the next part
     * @param from         the first row of this part
     * @return the first row of the next part: the first row of the dropped page, or the row after
     *     the part when no page was dropped
     */
    private static int renderPart(PDDocument document, String xhtml, int firstPage, boolean dropLastPage, int from)
            throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.withHtmlContent(xhtml, null);
        builder.usePDDocument(document);
        builder.useInitialPageNumber(firstPage);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withProducer("fdc-ledger");
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            int next = dropLastPage ? firstRowOnLastPage(renderer, from) : -1;
            renderer.createPDFWithoutClosing();
            if (next > from) {
                document.removePage(document.getNumberOfPages() - 1);
                return next;
            }
            return -1;
        }
    }

    /**
     * Finds the first row of the long table on the last page of a part that has been laid out, from
     * the ids of the rows; a row never spans two pages ({@code page-break-inside: avoid}).
     *
     * @return its index, or -1 when the last page has no row or the part fits on one page
     */
    private static int firstRowOnLastPage(PdfBoxRenderer renderer, int from) {
        List<PageBox> pages = renderer.getRootBox().getLayer().getPages();
        Map<String, Box> ids = renderer.getSharedContext().getIdMap();
        if (pages.size() < 2 || ids == null) {
            return -1;
        }
        int lastPageTop = pages.get(pages.size() - 1).getTop();
        int first = Integer.MAX_VALUE;
        for (Map.Entry<String, Box> entry : ids.entrySet()) {
            String id = entry.getKey();
            if (id.startsWith(ROW_ID) && entry.getValue().getAbsY() >= lastPageTop) {
                first = Math.min(first, Integer.parseInt(id.substring(ROW_ID.length())));
            }
        }
        return first == Integer.MAX_VALUE || first <= from ? -1 : first;
    }

    /** Draws "page X / Y" where the CSS margin box would have put it. */
    private static void numberPages(PDDocument document) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        int total = document.getNumberOfPages();
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            String text = "page " + number + " / " + total;
            PDRectangle box = page.getMediaBox();
            float width = font.getStringWidth(text) / 1000 * PAGE_NUMBER_SIZE;
            try (PDPageContentStream content =
                         new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                content.beginText();
                content.setFont(font, PAGE_NUMBER_SIZE);
                content.newLineAtOffset(box.getUpperRightX() - PAGE_NUMBER_RIGHT - width,
                        box.getLowerLeftY() + PAGE_NUMBER_BASELINE);
                content.showText(text);
                content.endText();
            }
        }
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

    /**
     * The sections of a template to keep for a part: "first" for the part that starts the report,
     * "last" for the one that ends it (a short report is both).
     */
    static Set<String> sections(int from, int to, int rows) {
        if (from == 0 && to >= rows) {
            return Set.of("first", "last");
        }
        return from == 0 ? Set.of("first") : to >= rows ? Set.of("last") : Set.of();
    }

    /** Opens a row of the long table, with the id that lets a part find the rows of its last page. */
    static void openRow(StringBuilder html, int index) {
        html.append("<tr id=\"").append(ROW_ID).append(index).append("\">");
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

package fr.dinum.ledger.projections.reports.render;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.PageBox;
import com.openhtmltopdf.util.ThreadCtx;
import com.openhtmltopdf.util.XRLog;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Turns the XHTML of a report into an A4 PDF with openhtmltopdf, and holds the HTML pieces both
 * reports share: the style sheet, the rows of the header block and the signature blocks.
 *
 * <p><b>Long reports are laid out in parts.</b> openhtmltopdf keeps the whole box tree of a document
 * in memory until the last page is written, tens of kilobytes per ERDA line, and its time grows faster
 * than the length of the document. So the long table is laid out about {@value #ROWS_PER_PART} rows
 * at a time: each part is an XHTML document of its own, with the table header row, and the pages of
 * the parts are joined in one PDF. Pages stay full: the last page of a part (usually half empty) is
 * dropped, and its rows start the next part. Once a part is laid out, the next one is sized to end
 * just after a page boundary, so that the dropped page holds a row or two and little is laid out
 * twice. Only two parts are in memory at a time, so the heap needed hardly depends on the length of
 * the report (the drawn pages are kept, compressed, until the whole PDF is written: about 200 bytes
 * per line). Parts this small also keep the garbage collector cheap: a part's text and box tree die
 * young, where parts of a thousand rows were copied from region to region and took a quarter of the
 * time under a 256 MiB heap.
 *
 * <p><b>On two cores.</b> A part can be laid out as soon as the previous one is (the first row of its
 * dropped page is known then). So the calling thread lays the parts out one after the other while
 * one helper thread draws each part into a PDF document of its own, and the pages are joined once
 * all are drawn. Laying out takes longer than drawing, so the helper also builds and parses the
 * XHTML of the next part while the calling thread lays out the current one: from a page before the
 * row where the next part should start, the rows already printed being cut from its DOM once the
 * current part is laid out (or the part is built again if they are more than a page). A part is
 * only touched by one thread at a time, handed over through the executor; each part has its own
 * {@link PDDocument} because PDFBox documents are not thread-safe. Laying out two parts at once
 * would need to know where the second starts, which depends on the height of every row of the
 * first; tried with a guess checked afterwards, it gained nothing, the two cores being already busy
 * (with the JIT compiler and the collector too). A short report (one part) is rendered on the
 * calling thread alone.
 *
 * <p><b>The lines of the long table are drawn here, not by CSS.</b> A CSS border costs openhtmltopdf
 * a path per side of every cell: on a 10 000-line ERDA, a tenth of the time and most of the bytes of
 * the file. The rows of the long table (those with an id, see {@link #openRow}) have no CSS border;
 * once a part is drawn, each page gets one horizontal line under each row and one vertical line per
 * column edge, from the top of the first row of the page to the bottom of the last, placed from the
 * boxes openhtmltopdf laid out. The header row, the totals row and the short tables keep their CSS
 * borders.
 *
 * <p><b>"page X / Y".</b> A report that fits in one part numbers its pages with the CSS counters
 * {@code counter(page)} and {@code counter(pages)} of the {@code @bottom-right} margin box. In a
 * report of several parts a part does not know the total number of pages when it is laid out, so the
 * margin box is left empty and the same text is drawn on every page, with the same font and at the
 * same place, once all the parts are joined.
 */
final class PdfRendering {

    static {
        /*
         * openhtmltopdf's logging is on by default, and then every length it computes builds a
         * FINEST log record (boxed floats, an argument array, a diagnostic object) even though the
         * level drops it: an eighth of all allocations and a tenth of the time of a long ERDA. The
         * reports are built from fixed templates that refer to nothing outside themselves, so its
         * warnings are of no use in production; the switch is global to openhtmltopdf, the only
         * user of which is this package.
         */
        XRLog.setLoggingEnabled(false);
    }

    /** The style sheet of both reports, read once. */
    static final String CSS = Template.read("reports/report.css");

    /**
     * About the rows of the long table laid out at once: about ten pages of an ERDA. Larger parts
     * make more work for the garbage collector (see above); smaller ones more for openhtmltopdf,
     * which sets up each part as a document of its own.
     */
    static final int ROWS_PER_PART = 250;

    static final String ORDONNATEUR_LABEL = "L’ordonnateur (délégation pour les engagements)";
    static final String COMPTABLE_LABEL = "Le comptable assignataire (paiements)";

    /** The prefix of the id of each row of the long table, followed by its index. */
    static final String ROW_ID = "r";

    /** The ids of the rows of the long table, and only those. */
    private static final Pattern ROW_IDS = Pattern.compile("^" + ROW_ID + "[0-9]+$");

    /**
     * The rows of the long table are grouped in row groups of this many rows: a row moved to the
     * next page makes openhtmltopdf set the widths of every cell of its row group again, which in one
     * row group of a whole part made the layout grow with the square of the length of the part.
     */
    static final int ROWS_PER_GROUP = 20;

    /** Leaves the CSS page counter out when the page numbers are drawn afterwards. */
    private static final String NO_CSS_PAGE_NUMBERS = "\n@page { @bottom-right { content: \"\"; } }\n";

    /*
     * Where the CSS puts "page X / Y": 10 mm from the right edge, and 1 mm under the top of the 16 mm
     * bottom margin, in 8 pt Helvetica whose baseline openhtmltopdf puts 6.45 pt under the top of the
     * line (see report.css). Points are 1/72 inch.
     */
    private static final float MILLIMETRE = 72f / 25.4f;
    private static final float PAGE_NUMBER_RIGHT = 10 * MILLIMETRE;
    private static final float PAGE_NUMBER_BASELINE = 15 * MILLIMETRE - 6.45f;
    private static final float PAGE_NUMBER_SIZE = 8;

    /** The lines of the long table: as the CSS borders of its cells were, 0.5 pt of #999999. */
    private static final float RULE_WIDTH = 0.5f;
    private static final float RULE_GREY = 0x99 / 255f;

    private static final AtomicInteger HELPERS = new AtomicInteger();

    /**
     * Parses the XHTML of the parts. openhtmltopdf would parse a string through a SAX parser and an
     * identity transformer to a DOM, with a new parser and transformer factory for each document:
     * twice the time of a plain parse. The parser refuses any DOCTYPE, hence any entity or DTD.
     */
    private static final DocumentBuilderFactory XHTML_PARSERS = xhtmlParsers();

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
        DocumentBuilder parser = newParser();
        if (rows <= rowsPerPart) {
            try (PDDocument document = new PDDocument()) {
                PdfBoxRenderer renderer = layOut(document, parse(parser, report.html(0, rows, CSS)));
                paint(renderer, document, false);
                document.save(new NonClosingOutputStream(out));
            } finally {
                ThreadCtx.cleanup();
            }
            return;
        }
        String css = CSS + NO_CSS_PAGE_NUMBERS;
        List<PDDocument> parts = new ArrayList<>();
        List<Future<?>> painted = new ArrayList<>();
        ExecutorService helper = Executors.newSingleThreadExecutor(PdfRendering::helperThread);
        // The helper thread parses with its own parser: a DocumentBuilder is not thread-safe.
        DocumentBuilder helperParser = newParser();
        try (PDDocument joined = new PDDocument()) {
            Part part = Part.of(report, 0, Math.min(rows, rowsPerPart), css, parser);
            int size = rowsPerPart;
            double rowsPerPage = 0;
            while (part != null) {
                if (painted.size() >= 2) {
                    // At most one part is drawn while the next is laid out: the heap holds two box trees.
                    await(painted.get(painted.size() - 2));
                }
                int from = part.from();
                int to = part.to();
                Future<Part> ahead = null;
                if (to < rows && rowsPerPage > 0) {
                    // Parts are sized to put one row on their last page: the next part should start at the last
                    // row of this one. The helper builds it while this one is laid out, from a page earlier in
                    // case this one's rows are taller than the last ones'; the rows printed are cut afterwards.
                    int guess = to - 1;
                    int aheadFrom = Math.max(from + 1, guess - (int) Math.ceil(rowsPerPage) - 1);
                    int aheadTo = Math.min(rows, guess + size);
                    ahead = helper.submit(() -> Part.of(report, aheadFrom, aheadTo, css, helperParser));
                }
                PDDocument document = new PDDocument();
                parts.add(document);
                PdfBoxRenderer renderer = layOut(document, part.xhtml());
                part = null;
                int next = to < rows ? firstRowOnLastPage(renderer, from) : -1;
                boolean dropLastPage = next > from;
                if (dropLastPage) {
                    double measured = rowsPerPage(renderer, next);
                    if (measured > 0) {
                        rowsPerPage = measured;
                        size = partSize(rowsPerPage, rowsPerPart);
                    }
                }
                // The layout registered the renderer with this thread; the helper registers it with its own.
                renderer.getSharedContext().removeFromThread();
                painted.add(helper.submit(() -> {
                    paint(renderer, document, dropLastPage);
                    return null;
                }));
                int nextFrom = dropLastPage ? next : to;
                if (nextFrom < rows) {
                    Part built = ahead == null ? null : await(ahead);
                    part = built != null && built.from() <= nextFrom
                            && (built.to() == rows || built.to() - nextFrom >= size / 2)
                            ? built.startingAt(nextFrom)
                            : Part.of(report, nextFrom, Math.min(rows, nextFrom + size), css, parser);
                }
            }
            for (Future<?> task : painted) {
                await(task);
            }
            joined.setDocumentInformation(parts.get(0).getDocumentInformation());
            for (PDDocument document : parts) {
                List<PDPage> pages = new ArrayList<>();
                document.getPages().forEach(pages::add);
                pages.forEach(joined::addPage);
            }
            numberPages(joined);
            // The joined pages still belong to the parts, which must stay open until this is written.
            joined.save(new NonClosingOutputStream(out));
        } finally {
            helper.shutdownNow();
            for (Future<?> task : painted) {
                task.cancel(true);
            }
            awaitQuietly(helper);
            for (PDDocument document : parts) {
                document.close();
            }
            ThreadCtx.cleanup();
        }
    }

    /**
     * The XHTML of one part, parsed: the rows {@code from} (inclusive) to {@code to} (exclusive) of
     * the long table.
     */
    private record Part(int from, int to, Document xhtml) {

        static Part of(PagedHtml report, int from, int to, String css, DocumentBuilder parser) throws IOException {
            return new Part(from, to, parse(parser, report.html(from, to, css)));
        }

        /**
         * This part without its rows before {@code first}, which the previous part printed. Never the
         * first part, so its header block is not in it; row groups left empty are removed too.
         */
        Part startingAt(int first) {
            if (first == from) {
                return this;
            }
            // The rows come in document order: those printed are the first ones of the long table.
            NodeList rows = xhtml.getElementsByTagNameNS("*", "tr");
            List<Element> printed = new ArrayList<>();
            for (int i = 0; i < rows.getLength(); i++) {
                Element row = (Element) rows.item(i);
                int index = rowIndex(row.getAttribute("id"));
                if (index >= first) {
                    break;
                }
                if (index >= 0) {
                    printed.add(row);
                }
            }
            for (Element row : printed) {
                Node group = row.getParentNode();
                group.removeChild(row);
                boolean empty = true;
                for (Node child = group.getFirstChild(); child != null && empty; child = child.getNextSibling()) {
                    empty = child.getNodeType() != Node.ELEMENT_NODE;
                }
                if (empty) {
                    group.getParentNode().removeChild(group);
                }
            }
            return new Part(first, to, xhtml);
        }
    }

    /**
     * The rows of the long table on a page, on average over the pages of a part that has been laid
     * out, but for its first page (which may hold the header block) and its last one (dropped).
     *
     * @return the average, or 0 when the part has too few pages to tell
     */
    private static double rowsPerPage(PdfBoxRenderer renderer, int next) {
        int fullPages = renderer.getRootBox().getLayer().getPages().size() - 2;
        int second = fullPages < 1 ? -1 : firstRowOnPage(renderer, 1);
        return second < 0 || next <= second ? 0 : (double) (next - second) / fullPages;
    }

    /**
     * The number of rows of a part: as many whole pages as fit in about {@code rowsPerPart} rows, and
     * one row more, so that the page the part drops holds as few rows as possible (or more if its rows
     * are taller than those of the pages before).
     */
    private static int partSize(double rowsPerPage, int rowsPerPart) {
        if (rowsPerPage < 1) {
            return rowsPerPart;
        }
        long wholePages = Math.max(1, Math.round(rowsPerPart / rowsPerPage));
        return (int) Math.min(4L * rowsPerPart, (long) Math.ceil(wholePages * rowsPerPage) + 1);
    }

    /**
     * A DOM parser for the XHTML of one report, configured as openhtmltopdf would but refusing any
     * DOCTYPE. A parser is not thread-safe: each thread of a report has its own.
     */
    private static DocumentBuilder newParser() {
        try {
            return XHTML_PARSERS.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No XML parser for the reports", e);
        }
    }

    /** The JDK's own parser, whatever else the class path holds: the features below are its own. */
    private static DocumentBuilderFactory xhtmlParsers() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("Cannot secure the XML parser of the reports", e);
        }
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(true);
        return factory;
    }

    private static Document parse(DocumentBuilder parser, String xhtml) throws IOException {
        try {
            return parser.parse(new InputSource(new StringReader(xhtml)));
        } catch (SAXException e) {
            throw new IllegalStateException("The XHTML of a report is not well-formed", e);
        } finally {
            parser.reset();
        }
    }

    /**
     * Lays out one part. The fast renderer of openhtmltopdf is the only one since 1.0.11
     * ({@code useFastMode()} is deprecated and does nothing), so it is not called. The document refers
     * to nothing outside itself: every external resource (image, font, style sheet, link) is refused,
     * so that even a value that slipped through escaping could not make the server fetch a URL or
     * read a file.
     */
    private static PdfBoxRenderer layOut(PDDocument document, Document xhtml) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.withW3cDocument(xhtml, null);
        builder.usePDDocument(document);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withProducer("fdc-ledger");
        PdfBoxRenderer renderer = builder.buildPdfRenderer(() -> { });
        try {
            renderer.layout();
            return renderer;
        } catch (RuntimeException e) {
            renderer.close();
            throw e;
        }
    }

    /**
     * Draws a laid-out part into its document, on the calling thread, rules its long table, then
     * frees the renderer.
     */
    private static void paint(PdfBoxRenderer renderer, PDDocument document, boolean dropLastPage)
            throws IOException {
        try {
            renderer.getSharedContext().registerWithThread();
            renderer.createPDFWithoutClosing();
            ruleRows(renderer, document);
            if (dropLastPage) {
                document.removePage(document.getNumberOfPages() - 1);
            }
        } finally {
            renderer.close();
        }
    }

    /**
     * Draws the lines of the rows of the long table on each page: one under each row, and one at
     * each edge of a column from the top of the first row of the page to the bottom of the last. A
     * row never spans two pages ({@code page-break-inside: avoid}) and every row has the same cells,
     * so the columns are read from the first row.
     */
    private static void ruleRows(PdfBoxRenderer renderer, PDDocument document) throws IOException {
        List<PagePosition<Box>> rows = renderer.findPagePositionsByID(ROW_IDS);
        if (rows.isEmpty()) {
            return;
        }
        Box first = rows.get(0).getElement();
        int cells = first.getChildCount();
        float[] edges = new float[cells + 1];
        float dotsPerPoint = renderer.getDotsPerPoint();
        // A stroke is centred on its path: half a line inside each cell, as its left border was.
        float half = RULE_WIDTH / 2;
        for (int c = 0; c < cells; c++) {
            edges[c] = (first.getChild(c).getAbsX() - first.getAbsX()) / dotsPerPoint + half;
        }
        Box lastCell = first.getChild(cells - 1);
        edges[cells] = (lastCell.getAbsX() + lastCell.getWidth() - first.getAbsX()) / dotsPerPoint - half;

        // The positions come sorted by page; the rows of a page in any order.
        int start = 0;
        while (start < rows.size()) {
            int pageNo = rows.get(start).getPageNo();
            int end = start;
            float top = Float.NEGATIVE_INFINITY;
            float bottom = Float.POSITIVE_INFINITY;
            while (end < rows.size() && rows.get(end).getPageNo() == pageNo) {
                PagePosition<Box> row = rows.get(end);
                top = Math.max(top, row.getY() + row.getHeight());
                bottom = Math.min(bottom, row.getY());
                end++;
            }
            if (pageNo >= 0 && pageNo < document.getNumberOfPages()) {
                float left = rows.get(start).getX();
                try (PDPageContentStream content = new PDPageContentStream(document, document.getPage(pageNo),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    content.setStrokingColor(RULE_GREY);
                    content.setLineWidth(RULE_WIDTH);
                    for (int r = start; r < end; r++) {
                        float y = rows.get(r).getY() + half;
                        content.moveTo(left + edges[0] - half, y);
                        content.lineTo(left + edges[cells] + half, y);
                    }
                    for (float edge : edges) {
                        content.moveTo(left + edge, top);
                        content.lineTo(left + edge, bottom);
                    }
                    content.stroke();
                }
            }
            start = end;
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
        if (pages.size() < 2) {
            return -1;
        }
        int first = firstRowOnPage(renderer, pages.size() - 1);
        return first <= from ? -1 : first;
    }

    /** The index of the first row of the long table on a page of a part, or -1 if it has none. */
    private static int firstRowOnPage(PdfBoxRenderer renderer, int page) {
        List<PageBox> pages = renderer.getRootBox().getLayer().getPages();
        Map<String, Box> ids = renderer.getSharedContext().getIdMap();
        if (ids == null || page >= pages.size()) {
            return -1;
        }
        int pageTop = pages.get(page).getTop();
        int pageBottom = page + 1 < pages.size() ? pages.get(page + 1).getTop() : Integer.MAX_VALUE;
        int first = Integer.MAX_VALUE;
        for (Map.Entry<String, Box> entry : ids.entrySet()) {
            int index = rowIndex(entry.getKey());
            if (index >= 0) {
                int y = entry.getValue().getAbsY();
                if (y >= pageTop && y < pageBottom) {
                    first = Math.min(first, index);
                }
            }
        }
        return first == Integer.MAX_VALUE ? -1 : first;
    }

    /** The index of a row of the long table from its id, or -1 for any other id. */
    private static int rowIndex(String id) {
        return id != null && ROW_IDS.matcher(id).matches() ? Integer.parseInt(id, ROW_ID.length(), id.length(), 10)
                : -1;
    }

    private static Thread helperThread(Runnable task) {
        Thread thread = new Thread(task, "pdf-helper-" + HELPERS.incrementAndGet());
        // A daemon thread never keeps the JVM alive; the executor is shut down after each report anyway.
        thread.setDaemon(true);
        return thread;
    }

    private static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the PDF was drawn");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("Could not draw the PDF", cause);
        }
    }

    /** Waits for the helper to stop drawing before its documents are closed under it. */
    private static void awaitQuietly(ExecutorService helper) {
        try {
            helper.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * Opens a row of the long table, with the id that lets a part find the rows of its pages; every
     * {@value #ROWS_PER_GROUP} rows of a part, closes the row group and opens another.
     *
     * @param from  the first row of the part
     * @param index the index of this row in the report
     */
    static void openRow(StringBuilder html, int from, int index) {
        openRow(html, from, index, null);
    }

    /** The same, with a CSS class on the row (an EJ line of an ERDA, for instance). */
    static void openRow(StringBuilder html, int from, int index, String cssClass) {
        if (index > from && (index - from) % ROWS_PER_GROUP == 0) {
            html.append("</tbody>\n<tbody>");
        }
        html.append("<tr id=\"").append(ROW_ID).append(index).append('"');
        if (cssClass != null) {
            html.append(" class=\"").append(cssClass).append('"');
        }
        html.append('>');
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

package fr.dinum.ledger.projections.reports.render;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import com.openhtmltopdf.render.PageBox;
import com.openhtmltopdf.util.ThreadCtx;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
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

/**
 * Turns the XHTML of a report into an A4 PDF with openhtmltopdf, and holds the HTML pieces both
 * reports share: the style sheet, the rows of the header block and the signature blocks.
 *
 * <p><b>Long reports are laid out in parts.</b> openhtmltopdf keeps the whole box tree of a document
 * in memory until the last page is written, tens of kilobytes per ERDA line: a 10 000-line ERDA needs
 * more than 400 MiB of heap, and its time grows faster than its length. So the long table is laid
 * out {@value #ROWS_PER_PART} rows at a time: each part is an XHTML document of its own, with the
 * table header row, and the pages of the parts are joined in one PDF. Pages stay full: the last page
 * of a part (usually half empty) is dropped, and its rows start the next part. Only two parts are
 * laid out in memory at a time, so the heap needed hardly depends on the length of the report (the
 * drawn pages are kept, compressed, until the whole PDF is written: about 430 bytes per line).
 *
 * <p><b>On two cores.</b> Laying out a part and drawing it take about the same time, and a part can
 * be laid out as soon as the previous one is (the first row of its dropped page is known then). So
 * the calling thread lays the parts out one after the other while one helper thread draws each part
 * into a PDF document of its own, and the pages are joined once all are drawn. A part is only
 * touched by one thread at a time, handed over through the executor; each part has its own
 * {@link PDDocument} because PDFBox documents are not thread-safe. A short report (one part) is
 * rendered on the calling thread alone.
 *
 * <p><b>"page X / Y".</b> A report that fits in one part numbers its pages with the CSS counters
 * {@code counter(page)} and {@code counter(pages)} of the {@code @bottom-right} margin box. In a
 * report of several parts a part does not know the total number of pages when it is laid out, so the
 * margin box is left empty and the same text is drawn on every page, with the same font and at the
 * same place, once all the parts are joined.
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

    private static final AtomicInteger PAINTERS = new AtomicInteger();

    static { com.openhtmltopdf.util.XRLog.setLoggingEnabled(false); }

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
                PdfBoxRenderer renderer = layOut(document, report.html(0, rows, CSS));
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
        ExecutorService painter = Executors.newSingleThreadExecutor(PdfRendering::painterThread);
        try (PDDocument joined = new PDDocument()) {
            int from = 0;
            while (from < rows) {
                if (painted.size() >= 2) {
                    // At most one part is drawn while the next is laid out: the heap holds two box trees.
                    waitFor(painted.get(painted.size() - 2));
                }
                int to = Math.min(rows, from + rowsPerPart);
                PDDocument part = new PDDocument();
                parts.add(part);
                PdfBoxRenderer renderer = layOut(part, report.html(from, to, css));
                int next = to < rows ? firstRowOnLastPage(renderer, from) : -1;
                boolean dropLastPage = next > from;
                // The layout registered the renderer with this thread; the painter registers it with its own.
                renderer.getSharedContext().removeFromThread();
                painted.add(painter.submit(() -> {
                    paint(renderer, part, dropLastPage);
                    return null;
                }));
                from = dropLastPage ? next : to;
            }
            for (Future<?> task : painted) {
                waitFor(task);
            }
            joined.setDocumentInformation(parts.get(0).getDocumentInformation());
            for (PDDocument part : parts) {
                List<PDPage> pages = new ArrayList<>();
                part.getPages().forEach(pages::add);
                pages.forEach(joined::addPage);
            }
            numberPages(joined);
            // The joined pages still belong to the parts, which must stay open until this is written.
            joined.save(new NonClosingOutputStream(out));
        } finally {
            painter.shutdownNow();
            for (Future<?> task : painted) {
                task.cancel(true);
            }
            awaitQuietly(painter);
            for (PDDocument part : parts) {
                part.close();
            }
            ThreadCtx.cleanup();
        }
    }

    /**
     * Parses and lays out one part. The fast renderer of openhtmltopdf is the only one since 1.0.11
     * ({@code useFastMode()} is deprecated and does nothing), so it is not called. The document refers
     * to nothing outside itself: every external resource (image, font, style sheet, link) is refused,
     * so that even a value that slipped through escaping could not make the server fetch a URL or
     * read a file.
     */
    private static PdfBoxRenderer layOut(PDDocument document, String xhtml) {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.withHtmlContent(xhtml, null);
        builder.usePDDocument(document);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withProducer("fdc-ledger");
        // No diagnostic consumer: openhtmltopdf logs through java.util.logging (to SLF4J under Spring Boot).
        PdfBoxRenderer renderer = builder.buildPdfRenderer(() -> { });
        try {
            renderer.layout();
            return renderer;
        } catch (RuntimeException e) {
            renderer.close();
            throw e;
        }
    }

    /** Draws a laid-out part into its document, on the calling thread, then frees the renderer. */
    private static void paint(PdfBoxRenderer renderer, PDDocument document, boolean dropLastPage)
            throws IOException {
        try {
            renderer.getSharedContext().registerWithThread();
            renderer.createPDFWithoutClosing();
            if (dropLastPage) {
                document.removePage(document.getNumberOfPages() - 1);
            }
        } finally {
            renderer.close();
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

    private static Thread painterThread(Runnable task) {
        Thread thread = new Thread(task, "pdf-painter-" + PAINTERS.incrementAndGet());
        // A daemon thread never keeps the JVM alive; the executor is shut down after each report anyway.
        thread.setDaemon(true);
        return thread;
    }

    private static void waitFor(Future<?> part) throws IOException {
        try {
            part.get();
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

    /** Waits for the painter to stop drawing before its documents are closed under it. */
    private static void awaitQuietly(ExecutorService painter) {
        try {
            painter.awaitTermination(1, TimeUnit.MINUTES);
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

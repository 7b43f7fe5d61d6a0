package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.erda.ErdaContent;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fr.dinum.ledger.projections.reports.render.ReportReaders.pdf;
import static fr.dinum.ledger.projections.reports.render.ReportReaders.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long report is laid out in parts joined in one PDF: the joins must lose no row, repeat none,
 * leave no half-empty page, and number the pages as a single document would.
 */
class PdfRenderingPartsTest {

    private static final Pattern DP_NUMBER = Pattern.compile("\\b10[0-9]{7}\\b");
    private static final Pattern EJ_NUMBER = Pattern.compile("\\b21[0-9]{8}\\b");

    @Test
    void parts_join_into_the_same_pages_as_one_document() throws IOException {
        assertSamePages(ReportSamples.issuedErda(300), 70);
    }

    @Test
    void parts_join_into_the_same_pages_as_one_document_when_rows_differ_in_height() throws IOException {
        // Pages of different numbers of rows: the next part cannot be guessed from the last ones.
        assertSamePages(ReportSamples.irregularErda(400), 60);
    }

    /** The PDF rendered in parts of {@code rowsPerPart} rows has the pages of the PDF in one part. */
    private static void assertSamePages(ErdaDocument erda, int rowsPerPart) throws IOException {
        byte[] whole = render(erda, ErdaRenderer.lines(erda.content()).size());
        byte[] inParts = render(erda, rowsPerPart);

        try (PDDocument one = pdf(whole); PDDocument joined = pdf(inParts)) {
            int pages = one.getNumberOfPages();
            assertThat(pages).isGreaterThan(5);
            // Same number of pages: no part left a half-empty page behind.
            assertThat(joined.getNumberOfPages()).isEqualTo(pages);
            for (int page = 1; page <= pages; page++) {
                String expected = text(one, page, page);
                String actual = text(joined, page, page);
                assertThat(dpNumbers(actual)).as("rows of page %d", page).isEqualTo(dpNumbers(expected));
                assertThat(actual).contains("page " + page + " / " + pages, erda.sha256());
                // Drawn once: the CSS counter of the margin box is left out when the parts are numbered.
                assertThat(actual.split("page ", -1)).as("page numbers on page %d", page).hasSize(2);
                if (!dpNumbers(expected).isEmpty()) {
                    assertThat(actual).as("table header of page %d", page).contains("Montant payé");
                }
            }
        }
    }

    @Test
    void every_row_is_printed_once_and_in_order() throws IOException {
        ErdaDocument erda = ReportSamples.liveErda(250);
        try (PDDocument pdf = pdf(render(erda, 40))) {
            String digits = dpNumbers(text(pdf));
            StringBuilder expected = new StringBuilder();
            for (ErdaContent.Commitment ej : erda.content().commitments()) {
                for (ErdaContent.Payment dp : ej.payments()) {
                    expected.append(dp.dpNumber()).append(' ');
                }
            }
            assertThat(digits).isEqualTo(expected.toString());
            assertThat(text(pdf)).contains("Total des dépenses payées", "PROJET — non émis")
                    .doesNotContain("Le comptable assignataire (paiements)");
        }
    }

    @Test
    void the_rows_of_the_long_table_are_ruled_on_every_page() throws IOException {
        try (PDDocument pdf = pdf(render(ReportSamples.issuedErda(300), 70))) {
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                // Each row, EJ or DP, starts with its EJ number.
                int rows = (int) EJ_NUMBER.matcher(text(pdf, page, page)).results().count();
                // One line under each row and one at each of the 16 edges of the 15 columns, in one path.
                assertThat(strokedPaths(pdf.getPage(page - 1))).as("lines drawn on page %d", page)
                        .contains(rows == 0 ? 0 : rows + 16);
            }
        }
    }

    /** The number of segments of each path the page strokes, and 0 when it strokes none. */
    private static List<Integer> strokedPaths(PDPage page) throws IOException {
        List<Integer> paths = new ArrayList<>(List.of(0));
        int segments = 0;
        for (Object token : new PDFStreamParser(page).parse()) {
            if (token instanceof Operator operator) {
                switch (operator.getName()) {
                    case "l" -> segments++;
                    case "S" -> {
                        paths.add(segments);
                        segments = 0;
                    }
                    case "f", "f*", "F", "B", "B*", "b", "b*", "n", "s" -> segments = 0;
                    default -> { }
                }
            }
        }
        return paths;
    }

    /** The DP numbers in the order they are printed. */
    private static String dpNumbers(String text) {
        StringBuilder numbers = new StringBuilder();
        Matcher matcher = DP_NUMBER.matcher(text);
        while (matcher.find()) {
            numbers.append(matcher.group()).append(' ');
        }
        return numbers.toString();
    }

    /** Renders through the part size given, as ErdaRenderer does with its default one. */
    private static byte[] render(ErdaDocument erda, int rowsPerPart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfRendering.render(new ErdaRenderer.ErdaHtml(erda), rowsPerPart, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

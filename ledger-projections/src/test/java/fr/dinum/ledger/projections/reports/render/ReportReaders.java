package fr.dinum.ledger.projections.reports.render;

import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads the rendered reports back with independent parsers, as a finance tool would. */
final class ReportReaders {

    private ReportReaders() {
    }

    /** A stream that remembers whether someone closed it: the renderers must leave it open. */
    static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    static boolean startsWithByteOrderMark(byte[] csv) {
        return csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF;
    }

    /** Parses a French CSV (after its byte order mark) into records, the header row included. */
    static List<CSVRecord> csv(byte[] csv) {
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PDDocument pdf(byte[] pdf) {
        try {
            return Loader.loadPDF(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the pages from {@code first} to {@code last} (1-based, inclusive). */
    static String text(PDDocument document, int first, int last) {
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(first);
            stripper.setEndPage(last);
            return stripper.getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text with each run of white space made one space: PDFBox gives a line per line of the
     * page, so a table header wrapped in its cell comes out on two lines. No-break spaces stay, as
     * they are part of the amounts.
     */
    static String flat(String text) {
        return text.replaceAll("[ \\t\\r\\n]+", " ");
    }

    static String text(PDDocument document) {
        return text(document, 1, document.getNumberOfPages());
    }

    /** The rows of the only sheet of an XLSX, with the number formats of the cells. */
    static List<Row> xlsx(byte[] xlsx, String sheetName) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx),
                new ReadingOptions(true, false))) {
            org.dhatim.fastexcel.reader.Sheet sheet = workbook.getFirstSheet();
            if (!sheet.getName().equals(sheetName)) {
                throw new AssertionError("Sheet '" + sheet.getName() + "' instead of '" + sheetName + "'");
            }
            return sheet.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of the only sheet of an ODS, as SODS reads them. */
    static Object[][] ods(byte[] ods, String sheetName) {
        try {
            SpreadSheet spreadsheet = new SpreadSheet(new ByteArrayInputStream(ods));
            Sheet sheet = spreadsheet.getSheet(sheetName);
            if (sheet == null) {
                throw new AssertionError("No sheet '" + sheetName + "'");
            }
            return sheet.getDataRange().getValues();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The exact amount of an ODS float cell as SODS reads it. SODS reads every float as a
     * {@code Double}; the amounts of these reports have at most 14 significant digits, which a double
     * holds exactly enough for its shortest decimal form to be the written one, so the conversion
     * through {@link Double#toString(double)} gives back the exact decimal (and fails if it does not
     * have two decimals). The file itself holds the exact decimal text, which
     * {@link #odsContent(byte[])} lets the tests check too.
     */
    static BigDecimal odsAmount(Object value) {
        if (!(value instanceof Double number)) {
            throw new AssertionError("Not a numeric cell: " + value + " (" + (value == null ? null : value.getClass()) + ")");
        }
        return new BigDecimal(Double.toString(number)).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The content.xml of an ODS, to check what the file holds beyond what SODS reads back. */
    static String odsContent(byte[] ods) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ods))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("content.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("No content.xml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the entries of a zip (XLSX or ODS), in order. */
    static List<String> zipEntries(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The index of the first row of an ODS sheet whose first cell is the given text. */
    static int odsRowStartingWith(Object[][] values, String text, int from) {
        for (int row = from; row < values.length; row++) {
            if (text.equals(values[row][0])) {
                return row;
            }
        }
        throw new AssertionError("No row starting with '" + text + "' in " + Arrays.deepToString(values).length() + " chars");
    }

    /** The index in the list of the first XLSX row whose first cell is the given text. */
    static int xlsxRowStartingWith(List<Row> rows, String text, int from) {
        for (int index = from; index < rows.size(); index++) {
            Row row = rows.get(index);
            if (row.getCellCount() > 0 && row.getCell(0) != null && text.equals(row.getCellText(0))) {
                return index;
            }
        }
        throw new AssertionError("No row starting with '" + text + "'");
    }
}

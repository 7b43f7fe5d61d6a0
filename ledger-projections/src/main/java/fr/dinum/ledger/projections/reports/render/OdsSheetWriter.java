package fr.dinum.ledger.projections.reports.render;

import com.github.miachm.sods.Color;
import com.github.miachm.sods.Range;
import com.github.miachm.sods.Sheet;
import com.github.miachm.sods.SpreadSheet;
import com.github.miachm.sods.Style;
import fr.dinum.ledger.domain.values.Montant;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes a report sheet as ODS with SODS.
 *
 * <p>Amounts go in as {@link java.math.BigDecimal}: SODS writes a {@code Number} as a {@code float}
 * cell whose {@code office:value} is its {@code toString()}, the exact plain decimal for a scale-2
 * BigDecimal, so no cent is rounded through a {@code double}. Dates are {@code date} cells.
 *
 * <p><b>Number formats.</b> SODS 1.8 lets a cell style name only two data styles: text ({@code @})
 * and an ISO date ({@code YYYY-MM-DD}). To show amounts with two decimals and thousands separators
 * and dates as dd/mm/yyyy, amount cells are given the text data style, which no other cell of ours
 * uses, and the file SODS wrote is then copied with the two data styles redefined in the automatic
 * styles of {@code content.xml}: the text style becomes a number style with two decimals and
 * grouping (renamed so that its name says what it is), and the ISO date style becomes
 * day/month/year. Only the head of {@code content.xml}, before {@code <office:body>}, is rewritten;
 * the cells are copied as they are. If a new version of SODS wrote these styles differently, the
 * copy fails loudly rather than give a file with wrong formats (the tests read the formats back).
 */
final class OdsSheetWriter implements SheetWriter {

    private static final String BODY = "<office:body";
    private static final String AMOUNT_STYLE_NAME = "montant";
    private static final String AMOUNT_STYLE = "<number:number-style style:name=\"" + AMOUNT_STYLE_NAME + "\">"
            + "<number:number number:decimal-places=\"2\" number:min-integer-digits=\"1\" number:grouping=\"true\"/>"
            + "</number:number-style>";
    private static final String DATE_STYLE = "<number:date-style style:name=\"datestyle\">"
            + "<number:day number:style=\"long\"/><number:text>/</number:text>"
            + "<number:month number:style=\"long\"/><number:text>/</number:text>"
            + "<number:year number:style=\"long\"/></number:date-style>";

    private final OutputStream out;
    private final Sheet sheet;
    private final int columns;
    private final Style text = new Style();
    private final Style bold = new Style();
    private final Style title = new Style();
    private final Style heading = new Style();
    private final Style amount = new Style();
    private final Style boldAmount = new Style();
    private final Style date = new Style();
    private final Style boldDate = new Style();

    /**
     * @param out          the caller's stream, left open
     * @param sheetName    the name of the only sheet
     * @param columnWidths the width of each column, in characters
     */
    OdsSheetWriter(OutputStream out, String sheetName, int... columnWidths) {
        this.out = out;
        this.columns = columnWidths.length;
        // No row yet: each row is appended, then filled while it is the last one, which SODS finds
        // without scanning the rows before it (filling any other row would cost a scan per cell).
        this.sheet = new Sheet(sheetName, 0, columns);
        for (int c = 0; c < columns; c++) {
            // SODS takes widths in millimetres: about 2 mm per character at the default font size.
            sheet.setColumnWidth(c, columnWidths[c] * 2.0);
        }
        bold.setBold(true);
        title.setBold(true);
        title.setFontSize(14);
        heading.setBold(true);
        heading.setWrap(true);
        heading.setBackgroundColor(new Color(0xDD, 0xDD, 0xDD));
        amount.setDataStyle("@");
        boldAmount.setDataStyle("@");
        boldAmount.setBold(true);
        date.setDataStyle("YYYY-MM-DD");
        boldDate.setDataStyle("YYYY-MM-DD");
        boldDate.setBold(true);
    }

    @Override
    public void title(String value) {
        Object[] values = new Object[columns];
        Style[] styles = plain(text);
        values[0] = Markup.clean(value);
        styles[0] = title;
        append(values, styles);
    }

    @Override
    public void field(String label, Object value) {
        Object[] values = new Object[columns];
        Style[] styles = plain(text);
        values[0] = Markup.clean(label);
        styles[0] = bold;
        values[1] = value(value);
        styles[1] = style(value, false);
        append(values, styles);
    }

    @Override
    public void blank() {
        append(new Object[columns], plain(text));
    }

    @Override
    public void header(String... labels) {
        Object[] values = new Object[columns];
        for (int c = 0; c < labels.length; c++) {
            values[c] = Markup.clean(labels[c]);
        }
        append(values, plain(heading));
    }

    @Override
    public void row(Object... cells) {
        cells(cells, false);
    }

    @Override
    public void total(Object... cells) {
        cells(cells, true);
    }

    @Override
    public void finish() throws IOException {
        SpreadSheet spreadsheet = new SpreadSheet();
        spreadsheet.appendSheet(sheet);
        // SODS builds content.xml in memory and closes the stream it writes to, so it writes to a
        // buffer (the compressed file, a few hundred kilobytes for 10 000 lines) that is then copied.
        ByteArrayOutputStream written = new ByteArrayOutputStream(256 * 1024);
        spreadsheet.save(written);
        copyWithFrenchFormats(written.toByteArray(), out);
    }

    private void cells(Object[] cells, boolean strong) {
        Object[] values = new Object[columns];
        Style[] styles = plain(strong ? bold : text);
        for (int c = 0; c < cells.length; c++) {
            values[c] = value(cells[c]);
            styles[c] = style(cells[c], strong);
        }
        append(values, styles);
    }

    private void append(Object[] values, Style[] styles) {
        sheet.appendRow();
        Range range = sheet.getRange(sheet.getMaxRows() - 1, 0, 1, columns);
        range.setValues(values);
        range.setStyles(styles);
    }

    private Style[] plain(Style style) {
        Style[] styles = new Style[columns];
        java.util.Arrays.fill(styles, style);
        return styles;
    }

    private static Object value(Object value) {
        if (value instanceof Montant montant) {
            return montant.value();
        }
        if (value instanceof String string) {
            // The StAX writer of SODS escapes markup but would write a control character as is.
            return Markup.clean(string);
        }
        return value;
    }

    private Style style(Object value, boolean strong) {
        if (value instanceof Montant) {
            return strong ? boldAmount : amount;
        }
        if (value instanceof LocalDate) {
            return strong ? boldDate : date;
        }
        return strong ? bold : text;
    }

    /**
     * Copies the ODS written by SODS entry by entry, redefining the two data styles in the head of
     * {@code content.xml} (see the class comment). The {@code mimetype} entry stays first and
     * stored, as ODF requires.
     */
    static void copyWithFrenchFormats(byte[] ods, OutputStream target) throws IOException {
        boolean patched = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ods));
             ZipOutputStream zip = new ZipOutputStream(new NonClosingOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                if (entry.getMethod() == ZipEntry.STORED) {
                    byte[] data = in.readAllBytes();
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(data.length);
                    copy.setCompressedSize(data.length);
                    copy.setCrc(crc.getValue());
                    zip.putNextEntry(copy);
                    zip.write(data);
                } else {
                    zip.putNextEntry(copy);
                    if (entry.getName().equals("content.xml")) {
                        copyContent(in, zip);
                        patched = true;
                    } else {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
        if (!patched) {
            throw new IllegalStateException("SODS wrote no content.xml");
        }
    }

    private static void copyContent(InputStream in, OutputStream out) throws IOException {
        byte[] marker = BODY.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream head = new ByteArrayOutputStream(16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        int bodyAt = -1;
        while (bodyAt < 0) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IllegalStateException("content.xml written by SODS has no <office:body>");
            }
            int searchFrom = Math.max(0, head.size() - marker.length);
            head.write(buffer, 0, read);
            bodyAt = indexOf(head.toByteArray(), marker, searchFrom);
        }
        byte[] bytes = head.toByteArray();
        String styles = new String(bytes, 0, bodyAt, StandardCharsets.UTF_8);
        out.write(redefineDataStyles(styles).getBytes(StandardCharsets.UTF_8));
        out.write(bytes, bodyAt, bytes.length - bodyAt);
        in.transferTo(out);
    }

    /** Rewrites the automatic styles: see the class comment. */
    static String redefineDataStyles(String styles) {
        String amountsMarked = "style:data-style-name=\"textstyle\"";
        String withAmounts = styles.replace(amountsMarked, "style:data-style-name=\"" + AMOUNT_STYLE_NAME + "\"");
        String textStyle = "(?s)<number:text-style style:name=\"textstyle\">.*?</number:text-style>";
        String dateStyle = "(?s)<number:date-style style:name=\"datestyle\">.*?</number:date-style>";
        String result = withAmounts.replaceFirst(textStyle, AMOUNT_STYLE).replaceFirst(dateStyle, DATE_STYLE);
        if (!result.contains(AMOUNT_STYLE) || !result.contains(DATE_STYLE)) {
            throw new IllegalStateException("SODS no longer writes the data styles this writer redefines");
        }
        return result;
    }

    private static int indexOf(byte[] bytes, byte[] marker, int from) {
        outer:
        for (int i = from; i <= bytes.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.values.Montant;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Writes a report sheet as XLSX with fastexcel, which streams: rows are flushed to the zip every
 * {@value #FLUSH_EVERY} rows, so a long ERDA never sits whole in memory as cells.
 *
 * <p>Amounts go in as {@link java.math.BigDecimal}: fastexcel writes a {@code Number} with its
 * {@code toString()}, which for a scale-2 BigDecimal is the exact plain decimal, so no cent is ever
 * rounded through a {@code double}. Dates are real date cells (Excel serial numbers) shown as
 * dd/mm/yyyy.
 */
final class XlsxSheetWriter implements SheetWriter {

    /** Excel number format codes are locale-independent: Excel shows French separators in France. */
    static final String AMOUNT_FORMAT = "#,##0.00";
    static final String DATE_FORMAT = "dd/mm/yyyy";
    private static final int FLUSH_EVERY = 1000;

    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;
    private boolean headerRepeated;

    /**
     * @param out          the caller's stream, left open
     * @param sheetName    the name of the only sheet
     * @param columnWidths the width of each column, in characters
     */
    XlsxSheetWriter(OutputStream out, String sheetName, int... columnWidths) {
        // fastexcel only finishes the zip and does not close the stream; the wrapper makes it certain.
        this.workbook = new Workbook(new NonClosingOutputStream(out), "fdc-ledger", "1.0");
        this.sheet = workbook.newWorksheet(sheetName);
        for (int c = 0; c < columnWidths.length; c++) {
            sheet.width(c, columnWidths[c]);
        }
    }

    @Override
    public void title(String text) throws IOException {
        sheet.value(row, 0, text);
        sheet.style(row, 0).bold().fontSize(14).set();
        next();
    }

    @Override
    public void field(String label, Object value) throws IOException {
        sheet.value(row, 0, label);
        sheet.style(row, 0).bold().set();
        cell(1, value, false);
        next();
    }

    @Override
    public void blank() throws IOException {
        next();
    }

    @Override
    public void header(String... labels) throws IOException {
        for (int c = 0; c < labels.length; c++) {
            sheet.value(row, c, labels[c]);
            sheet.style(row, c).bold().fillColor("DDDDDD").wrapText(true).set();
        }
        if (!headerRepeated) {
            sheet.repeatRows(row);
            headerRepeated = true;
        }
        next();
    }

    @Override
    public void row(Object... cells) throws IOException {
        for (int c = 0; c < cells.length; c++) {
            cell(c, cells[c], false);
        }
        next();
    }

    @Override
    public void total(Object... cells) throws IOException {
        for (int c = 0; c < cells.length; c++) {
            cell(c, cells[c], true);
        }
        next();
    }

    @Override
    public void finish() throws IOException {
        workbook.finish();
    }

    private void cell(int column, Object value, boolean bold) {
        if (value == null) {
            if (bold) {
                sheet.style(row, column).bold().set();
            }
            return;
        }
        String format = null;
        if (value instanceof Montant amount) {
            sheet.value(row, column, amount.value());
            format = AMOUNT_FORMAT;
        } else if (value instanceof LocalDate date) {
            sheet.value(row, column, date);
            format = DATE_FORMAT;
        } else if (value instanceof Integer number) {
            sheet.value(row, column, number);
        } else {
            // fastexcel escapes markup and drops the characters XML forbids.
            sheet.value(row, column, value.toString());
        }
        if (format != null && bold) {
            sheet.style(row, column).format(format).bold().set();
        } else if (format != null) {
            sheet.style(row, column).format(format).set();
        } else if (bold) {
            sheet.style(row, column).bold().set();
        }
    }

    private void next() throws IOException {
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }
}

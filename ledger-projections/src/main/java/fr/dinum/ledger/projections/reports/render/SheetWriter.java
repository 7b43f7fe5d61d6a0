package fr.dinum.ledger.projections.reports.render;

import java.io.IOException;

/**
 * One sheet of a report, written from top to bottom: a title, a header block of labelled values, the
 * table with its header row, its lines and its totals row. Each renderer describes its report once
 * through this interface, and {@link XlsxSheetWriter} and {@link OdsSheetWriter} give the two
 * spreadsheet formats, so that the XLSX and the ODS of a report always hold the same cells.
 *
 * <p>A cell value is a {@link String} (text), a {@link fr.dinum.ledger.domain.values.Montant}
 * (a numeric cell with two decimals and thousands separators), a {@link java.time.LocalDate} (a date
 * cell shown as dd/mm/yyyy), an {@link Integer} (a whole number such as an exercice) or null (empty).
 */
interface SheetWriter {

    /** Writes the title of the sheet in bold on its own row. */
    void title(String text) throws IOException;

    /** Writes one row of the header block: the label in the first column, the value in the second. */
    void field(String label, Object value) throws IOException;

    /** Leaves an empty row, between the header block and the table for instance. */
    void blank() throws IOException;

    /** Writes the header row of a table, in bold; printing repeats the first such row on every page. */
    void header(String... labels) throws IOException;

    /** Writes one line of a table. */
    void row(Object... cells) throws IOException;

    /** Writes a totals row, in bold. */
    void total(Object... cells) throws IOException;

    /** Completes the file and flushes it into the caller's stream, which stays open. */
    void finish() throws IOException;
}

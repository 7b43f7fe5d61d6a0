package fr.dinum.ledger.projections.reports.render;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a CSV the way French spreadsheets open it without an import dialog: UTF-8 with a byte order
 * mark (without it Excel reads the file as Windows-1252 and mangles the accents), {@code ;} between
 * fields because the comma is the decimal separator, and CRLF line ends with the quoting of RFC 4180.
 *
 * <p>A field is quoted when it holds the separator, a quote (doubled inside the quotes), a line
 * feed or a carriage return; other fields are written as they are, so that numbers stay numbers.
 */
final class CsvWriter {

    private static final char SEPARATOR = ';';
    private static final String LINE_END = "\r\n";
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Writer writer;

    CsvWriter(OutputStream out) throws IOException {
        // The buffer lets each field go out without a system call per character.
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BYTE_ORDER_MARK);
    }

    /**
     * Writes one record.
     *
     * @param fields the fields, already formatted (numbers with a decimal comma); null is empty
     */
    void row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                writer.write(SEPARATOR);
            }
            writeField(fields[i]);
        }
        writer.write(LINE_END);
    }

    /** Flushes the buffered text into the caller's stream, which stays open. */
    void flush() throws IOException {
        writer.flush();
    }

    /**
     * Protects free text (supplier names, objects) from being run as a formula: a spreadsheet opening
     * a CSV evaluates a field that starts with {@code =}, {@code +}, {@code -} or {@code @} (the
     * "CSV injection" of OWASP), so such a field is prefixed with an apostrophe, which spreadsheets
     * show as text. Only text columns go through this: numbers and dates are written by this package
     * and a negative amount must keep its minus sign.
     *
     * @param text a value typed by someone, or null
     * @return the value safe to open in a spreadsheet
     */
    static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + text : text;
    }

    private void writeField(String field) throws IOException {
        if (field == null || field.isEmpty()) {
            return;
        }
        if (!needsQuotes(field)) {
            writer.write(field);
            return;
        }
        writer.write('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                writer.write('"');
            }
            writer.write(c);
        }
        writer.write('"');
    }

    private static boolean needsQuotes(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == SEPARATOR || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}

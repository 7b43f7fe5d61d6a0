package fr.dinum.ledger.projections.reports.render;

/**
 * A report whose PDF is one long table, given to {@link PdfRendering} as XHTML by ranges of rows so
 * that a report of any length is laid out a part at a time.
 */
interface PagedHtml {

    /** @return the number of rows of the long table */
    int rows();

    /**
     * Gives the XHTML of one part of the report: the rows {@code from} (inclusive) to {@code to}
     * (exclusive) of the long table, preceded by the title and header block when {@code from} is 0
     * and followed by the totals and signature blocks when {@code to} is {@link #rows()}.
     *
     * <p>It is called from the thread that renders the report and from the helper thread of
     * {@link PdfRendering}, one at a time, never concurrently: it must only read the report.
     *
     * @param from the first row
     * @param to   the row after the last one
     * @param css  the style sheet to put in the document
     * @return a well-formed XHTML document
     */
    String html(int from, int to, String css);
}

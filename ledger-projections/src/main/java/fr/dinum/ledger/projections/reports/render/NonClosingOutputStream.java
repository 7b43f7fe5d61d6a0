package fr.dinum.ledger.projections.reports.render;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes through but only flushes on {@link #close()}: the libraries that write the reports
 * close the stream they are given when they finish, while the stream belongs to the caller (a servlet
 * response, a file) and it is the caller who closes it.
 */
final class NonClosingOutputStream extends FilterOutputStream {

    NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        // FilterOutputStream writes one byte at a time by default; the array goes through at once.
        out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}

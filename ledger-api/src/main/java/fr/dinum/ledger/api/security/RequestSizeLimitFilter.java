package fr.dinum.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.web.ProblemAdvice;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies larger than {@code ledger.security.max-body-size} (1MB by default). The
 * largest command of the API is a few kilobytes; a bigger body is a mistake or an attempt to
 * exhaust memory, since the JSON reader holds the whole command before the rules see it.
 *
 * <ul>
 *   <li>When the request declares its length ({@code Content-Length}) above the limit, it is answered
 *       at once with 413 and a problem+json whose code is {@code PAYLOAD_TOO_LARGE}; nothing is read
 *       and nobody is authenticated, so this costs nothing. (Tomcat still swallows up to its
 *       {@code max-swallow-size} of the unread body to keep the connection, and closes it beyond.)</li>
 *   <li>When the length is not known in advance (chunked transfer), the body is read through a
 *       stream that throws an {@link IOException} as soon as it has given more than the limit. The
 *       JSON reader then fails, and the API answers <b>400</b> ({@code MALFORMED_REQUEST}), not 413:
 *       the status is chosen by the message converter, after the limit was crossed. What matters is
 *       that no more than the limit is ever held.</li>
 * </ul>
 *
 * <p>It runs right after {@code CorrelationIdFilter}, so the 413 carries a correlation id, and before
 * Spring Security, so an oversized body is refused before any password hashing. Form parameters read
 * by the container ({@code getParameter}) do not go through this stream; the API reads only JSON,
 * and Tomcat's own {@code max-post-size} bounds forms.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    public static final String CODE = "PAYLOAD_TOO_LARGE";

    private final long limit;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(SecurityProperties properties, ObjectMapper json) {
        this.limit = properties.maxBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            ProblemResponses.write(response, json, ProblemAdvice.problem(HttpStatus.PAYLOAD_TOO_LARGE, CODE,
                    "Payload too large", "The body has " + declared + " bytes; the ledger accepts at most "
                            + limit + " bytes."));
            return;
        }
        // A declared length is enforced by the container (it never gives more than it said); only a
        // body of unknown length needs counting.
        chain.doFilter(declared < 0 ? new LimitedRequest(request, limit) : request, response);
    }

    /** Thrown by the body stream of a request of unknown length when it exceeds the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The body exceeds " + limit + " bytes, the largest the ledger accepts.");
        }
    }

    /** A request whose body stream (and reader) stop with an IOException beyond the limit. */
    static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private LimitedInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        /* The wrapped request's own reader would bypass the count: read through the limited stream. */
        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}

package fr.dinum.ledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies above ledger.security.max-body-size never reach the controllers whole. */
class RequestSizeLimitFilterTest {

    private static final int LIMIT = 100;

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(new SecurityProperties(Map.of(),
            new SecurityProperties.Oidc(null, null, null, "roles", Map.of()), List.of(), DataSize.ofBytes(LIMIT)),
            json);

    /** The servlet at the end of the chain reads the whole body, as the JSON reader does. */
    private static final class ReadingServlet extends HttpServlet {
        private final boolean throughReader;
        String body;

        ReadingServlet(boolean throughReader) {
            this.throughReader = throughReader;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            body = throughReader ? request.getReader().lines().reduce("", String::concat)
                    : new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MockHttpServletRequest post(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/conventions");
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.setContent(body);
        return request;
    }

    /** A request sent with Transfer-Encoding: chunked: its length is not known in advance. */
    private static MockHttpServletRequest chunked(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/conventions") {
            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.setCharacterEncoding("UTF-8");
        request.setContent(body);
        return request;
    }

    private static byte[] bytes(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        return body;
    }

    @Test
    void a_body_under_the_limit_passes_whole() throws Exception {
        ReadingServlet servlet = new ReadingServlet(false);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post(bytes(LIMIT)), response, new MockFilterChain(servlet));
        assertThat(servlet.body).hasSize(LIMIT);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void a_chunked_body_under_the_limit_passes_whole() throws Exception {
        ReadingServlet servlet = new ReadingServlet(true);
        filter.doFilter(chunked(bytes(LIMIT)), new MockHttpServletResponse(), new MockFilterChain(servlet));
        assertThat(servlet.body).hasSize(LIMIT);
    }

    @Test
    void a_declared_length_over_the_limit_is_answered_413_at_once() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(post(bytes(LIMIT + 1)), response, chain);

        assertThat(chain.getRequest()).as("the request went no further").isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = json.readTree(response.getContentAsByteArray());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(problem.path("detail").asText()).contains(String.valueOf(LIMIT));
    }

    @Test
    void a_chunked_body_over_the_limit_fails_on_read() {
        ReadingServlet servlet = new ReadingServlet(false);
        assertThatThrownBy(() -> filter.doFilter(chunked(bytes(LIMIT + 1)), new MockHttpServletResponse(),
                new MockFilterChain(servlet)))
                .isInstanceOf(RequestSizeLimitFilter.BodyTooLargeException.class)
                .isInstanceOf(IOException.class);
        assertThat(servlet.body).isNull();
    }

    @Test
    void a_chunked_body_over_the_limit_fails_through_the_reader_too() {
        ReadingServlet servlet = new ReadingServlet(true);
        assertThatThrownBy(() -> filter.doFilter(chunked(bytes(10 * LIMIT)), new MockHttpServletResponse(),
                new MockFilterChain(servlet)))
                .hasRootCauseInstanceOf(RequestSizeLimitFilter.BodyTooLargeException.class);
        assertThat(servlet.body).isNull();
    }
}

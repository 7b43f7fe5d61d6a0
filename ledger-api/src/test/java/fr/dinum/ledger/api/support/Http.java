package fr.dinum.ledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.operations.Projections;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP client for tests: real requests on the loopback port, JSON answers parsed. Like a
 * real client that reads its own writes, it remembers the newest position a command's answer gave
 * ({@code X-Ledger-Position}) and names it in every later request; clients made with {@link #as}
 * share that memory, as the people of one test share one ledger.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION_HEADER = Projections.POSITION_HEADER;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final AtomicLong position;

    /** A client with the credentials of the test user who has every role. */
    public Http(int port) {
        this(port, "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ALL_ROLES + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    /** A client sending this Authorization header, or none when it is null. */
    public Http(int port, String authorization) {
        this(port, authorization, new AtomicLong(-1));
    }

    private Http(int port, String authorization, AtomicLong position) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
        this.position = position;
    }

    /** The same client without the position it remembers: a reader who names none. */
    public Http forgetful() {
        return new Http(port(), authorization, new AtomicLong(-1));
    }

    private int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Http as(String authorizationHeader) {
        return new Http(port(), authorizationHeader, position);
    }

    public record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers, String text) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asText();
        }
    }

    public Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** The raw bytes of a download (a report in PDF, XLSX...). */
    public HttpResponse<byte[]> download(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (position.get() >= 0) {
            request.header(POSITION_HEADER, Long.toString(position.get()));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasPosition(HttpRequest.Builder builder) {
        return builder.copy().build().headers().firstValue(POSITION_HEADER).isPresent();
    }

    private Response send(HttpRequest.Builder builder) {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (position.get() >= 0 && !hasPosition(builder)) {
            builder.header(POSITION_HEADER, Long.toString(position.get()));
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(POSITION_HEADER)
                    .ifPresent(p -> position.accumulateAndGet(Long.parseLong(p), Math::max));
            String text = response.body();
            JsonNode body = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !text.isEmpty()) {
                body = JSON.readTree(text);
            }
            return new Response(response.statusCode(), body, response.headers().map(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

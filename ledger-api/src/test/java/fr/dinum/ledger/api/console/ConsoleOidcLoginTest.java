package fr.dinum.ledger.api.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in with OpenID Connect, against an issuer played here on the loopback
 * (discovery, keys, token endpoint): the authorization code flow ends in a session whose roles
 * are those the API grants to the same subject; a subject without a role reads nothing.
 */
class ConsoleOidcLoginTest extends ApiTestBase {

    static final String CLIENT = "fdc-ledger";
    static final RSAKey KEY;
    static final HttpServer ISSUER;
    static final String BASE;
    /** The nonce and subject the next ID token carries, as the issuer would remember them. */
    static volatile String nonce;
    static volatile String subject;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("console-key").generate();
            ISSUER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            BASE = "http://127.0.0.1:" + ISSUER.getAddress().getPort();
            ISSUER.createContext("/.well-known/openid-configuration", exchange -> json(exchange, """
                    {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                     "jwks_uri": "%1$s/jwks", "subject_types_supported": ["public"],
                     "id_token_signing_alg_values_supported": ["RS256"], "response_types_supported": ["code"]}"""
                    .formatted(BASE)));
            ISSUER.createContext("/jwks", exchange -> json(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
            ISSUER.createContext("/token", exchange -> {
                exchange.getRequestBody().readAllBytes();
                json(exchange, "{\"access_token\": \"access\", \"token_type\": \"Bearer\", \"expires_in\": 300, "
                        + "\"scope\": \"openid\", \"id_token\": \"" + idToken() + "\"}");
            });
            ISSUER.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("ledger.security.oidc.issuer-uri", () -> BASE);
        registry.add("ledger.security.oidc.audience", () -> CLIENT);
        registry.add("ledger.security.oidc.subjects.agent-42", () -> "READER");
        registry.add("ledger.console.oidc.client-id", () -> CLIENT);
        registry.add("ledger.console.oidc.client-secret", () -> "console-secret");
    }

    @AfterAll
    static void stop() {
        ISSUER.stop(0);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String idToken() {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(BASE).subject(subject).audience(CLIENT)
                    .issueTime(Date.from(Instant.now().minusSeconds(10)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("nonce", nonce).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Goes through the authorization code flow as a browser would, and answers the session cookie. */
    private String signIn(String who) {
        Http browser = http().as(null);
        Http.Response start = browser.get("/oauth2/authorization/oidc", Map.of("Accept", "text/html"));
        assertThat(start.status()).isEqualTo(302);
        String authorize = start.header("Location");
        assertThat(authorize).startsWith(BASE + "/authorize");
        var query = UriComponentsBuilder.fromUriString(authorize).build().getQueryParams();
        assertThat(query.getFirst("client_id")).isEqualTo(CLIENT);
        nonce = query.getFirst("nonce");
        subject = who;
        String cookie = start.header("Set-Cookie").split(";")[0];
        // The issuer sends the person back with a code; the ledger exchanges it for the ID token.
        Http.Response back = browser.get("/login/oauth2/code/oidc?code=the-code&state=" + query.getFirst("state"),
                Map.of("Accept", "text/html", "Cookie", cookie));
        assertThat(back.status()).as(back.text()).isEqualTo(302);
        assertThat(back.header("Location")).endsWith("/console");
        return back.header("Set-Cookie") == null ? cookie : back.header("Set-Cookie").split(";")[0];
    }

    @Test
    void the_login_page_offers_the_issuer() {
        Http.Response login = http().as(null).get("/login", Map.of("Accept", "text/html"));
        assertThat(login.text()).contains("Se connecter avec ProConnect", "/oauth2/authorization/oidc");
    }

    @Test
    void an_agent_signs_in_with_the_issuer_and_reads_with_the_roles_granted_to_the_subject() {
        String session = signIn("agent-42");
        Http.Response page = http().as(null).get("/console", Map.of("Accept", "text/html", "Cookie", session));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("agent-42", "Conventions").doesNotContain("/console/conventions/new\"");
    }

    @Test
    void an_agent_without_a_role_reads_nothing() {
        String session = signIn("agent-without-role");
        assertThat(http().as(null).get("/console", Map.of("Accept", "text/html", "Cookie", session)).status())
                .isEqualTo(403);
    }
}

package fr.dinum.ledger.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.SeedConventions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWTs from an OIDC issuer, signed with a key generated here and published on a loopback JWKS
 * endpoint: a valid token passes; an expired one, one from another issuer, one for another
 * audience and one with a tampered signature are refused with 401. Roles come from the token's
 * roles claim or from the subjects configured for providers that send none (ProConnect).
 */
class JwtAuthenticationTest extends ApiTestBase {

    static final String ISSUER = "https://issuer.test/realms/agents";
    static final String AUDIENCE = "fdc-ledger";
    static final RSAKey KEY;
    static final RSAKey OTHER_KEY;
    static final HttpServer JWKS;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            OTHER_KEY = new RSAKeyGenerator(2048).keyID("test-key").generate();
            JWKS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            JWKS.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        registry.add("ledger.security.oidc.issuer-uri", () -> ISSUER);
        registry.add("ledger.security.oidc.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
        registry.add("ledger.security.oidc.audience", () -> AUDIENCE);
        registry.add("ledger.security.oidc.subjects.agent-proconnect-42", () -> "WRITER,READER");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    static String token(RSAKey key, String subject, String issuer, String audience, Instant expires, List<String> roles) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                    .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires));
            if (roles != null) {
                claims.claim("roles", roles);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String valid(String subject, List<String> roles) {
        return token(KEY, subject, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), roles);
    }

    private Http bearer(String token) {
        return http().as("Bearer " + token);
    }

    @Test
    void a_valid_token_with_the_reader_role_reads_and_cannot_write() {
        Http reader = bearer(valid("controller-1", List.of("READER")));
        assertThat(reader.get("/api/conventions").status()).isEqualTo(200);
        var write = reader.post("/api/conventions", SeedConventions.body("PAU-2020-POUBELLES-BATTLE"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("FORBIDDEN");
        assertThat(write.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void an_expired_token_is_refused() {
        String expired = token(KEY, "controller-1", ISSUER, AUDIENCE, Instant.now().minusSeconds(600), List.of("READER"));
        var response = bearer(expired).get("/api/conventions");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        String foreign = token(KEY, "controller-1", "https://elsewhere.test", AUDIENCE, Instant.now().plusSeconds(300),
                List.of("READER"));
        assertThat(bearer(foreign).get("/api/conventions").status()).isEqualTo(401);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        String other = token(KEY, "controller-1", ISSUER, "another-app", Instant.now().plusSeconds(300), List.of("READER"));
        assertThat(bearer(other).get("/api/conventions").status()).isEqualTo(401);
    }

    @Test
    void a_tampered_or_foreign_signature_is_refused() {
        String good = valid("controller-1", List.of("READER"));
        String[] parts = good.split("\\.");
        String tamperedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("READER", "WRITER").getBytes(StandardCharsets.UTF_8));
        assertThat(bearer(parts[0] + "." + tamperedPayload + "." + parts[2]).get("/api/conventions").status()).isEqualTo(401);
        String signedByAnother = token(OTHER_KEY, "controller-1", ISSUER, AUDIENCE, Instant.now().plusSeconds(300),
                List.of("READER"));
        assertThat(bearer(signedByAnother).get("/api/conventions").status()).isEqualTo(401);
    }

    @Test
    void a_proconnect_agent_gets_the_roles_configured_for_its_subject_and_is_the_author_of_its_events() {
        Http agent = bearer(valid("agent-proconnect-42", null));
        var signed = agent.post("/api/conventions", SeedConventions.body("OISE-2021-ANTI-GASPI"),
                Map.of("X-Correlation-Id", "proconnect-run-1"));
        assertThat(signed.status()).as(signed.text()).isIn(200, 201);
        var history = agent.get("/api/conventions/OISE-2021-ANTI-GASPI/history").body();
        assertThat(history.get(0).get("recordedBy").asText()).isEqualTo("agent-proconnect-42");
        assertThat(history.get(0).get("correlationId").asText()).isEqualTo("proconnect-run-1");
    }

    @Test
    void basic_users_keep_working_beside_the_issuer() {
        assertThat(http().get("/api/conventions").status()).isEqualTo(200);
        assertThat(http().as(Http.basic("reader", "wrong")).get("/api/conventions").status()).isEqualTo(401);
    }
}

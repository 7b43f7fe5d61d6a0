package fr.dinum.ledger.api.security;

import fr.dinum.ledger.api.support.ApiTestBase;
import fr.dinum.ledger.api.support.Http;
import fr.dinum.ledger.api.support.Http.Response;
import fr.dinum.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, part 4, over HTTP: wrong passwords in a row for a user from one address are answered
 * 401, then 429 with Retry-After, while the same user with the right password from another address
 * is served. The client's address comes from X-Forwarded-For, set here by the loopback "proxy" that
 * Tomcat trusts, as an ingress would.
 */
class LoginThrottleApiTest extends ApiTestBase {

    private Response get(String user, String password, String address) {
        return http().as(Http.basic(user, password)).get("/api/conventions", Map.of("X-Forwarded-For", address));
    }

    @Test
    void repeated_wrong_passwords_get_429_with_retry_after_and_the_user_elsewhere_still_gets_in() {
        for (int i = 0; i < 6; i++) {
            Response refused = get("reader", "guess-" + i, "192.0.2.10");
            assertThat(refused.status()).as("failure " + (i + 1)).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        }
        Response throttled = get("reader", TestUsers.PASSWORD, "192.0.2.10");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
        assertThat(throttled.code()).isEqualTo("TOO_MANY_FAILED_LOGINS");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 900L);

        assertThat(get("reader", TestUsers.PASSWORD, "192.0.2.20").status()).isEqualTo(200);
        assertThat(http().as(Http.basic("reader", TestUsers.PASSWORD)).get("/api/conventions").status()).isEqualTo(200);
    }
}

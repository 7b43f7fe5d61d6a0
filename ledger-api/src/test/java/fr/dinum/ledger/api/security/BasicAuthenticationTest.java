package fr.dinum.ledger.api.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTP Basic without its two costs: a bcrypt per request (a verified credential is remembered for a
 * short time) and unlimited guessing (failures block the user at an address, and the address). Time
 * is a manual ticker, so nothing here waits.
 */
class BasicAuthenticationTest {

    /** A ticker the test moves by hand. */
    static final class ManualTicker implements Ticker {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    /** Spring's delegating encoder, recording every stored password it is asked to match. */
    static final class RecordingEncoder implements PasswordEncoder {
        final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final List<String> matched = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matched.add(encoded);
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }
    }

    private final ManualTicker ticker = new ManualTicker();
    private final RecordingEncoder encoder = new RecordingEncoder();
    private final BasicAuthenticationProperties properties = new BasicAuthenticationProperties(Duration.ofMinutes(5), 100,
            new BasicAuthenticationProperties.Throttle(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(8),
                    Duration.ofMinutes(15), 1000));
    private final String bcrypt = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("s3cret");
    private final BasicAuthentication basic = new BasicAuthentication(Map.of(
            "alice", new SecurityProperties.User(bcrypt, List.of(Role.READER, Role.WRITER)),
            "bob", new SecurityProperties.User("{noop}plain", List.of(Role.READER))), properties, ticker, encoder);

    private static Authentication login(String user, String password, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    @Test
    void a_verified_credential_is_hashed_once_then_again_after_its_time() {
        for (int i = 0; i < 5; i++) {
            Authentication result = basic.authenticate(login("alice", "s3cret", "10.0.0.1"));
            assertThat(result.isAuthenticated()).isTrue();
            assertThat(AuthorityUtils.authorityListToSet(result.getAuthorities())).containsExactlyInAnyOrder("ROLE_READER", "ROLE_WRITER");
            assertThat(result.getName()).isEqualTo("alice");
        }
        assertThat(encoder.matched).hasSize(1);
        ticker.advance(Duration.ofMinutes(5).plusSeconds(1));
        basic.authenticate(login("alice", "s3cret", "10.0.0.1"));
        assertThat(encoder.matched).hasSize(2);
    }

    @Test
    void a_wrong_password_is_checked_each_time_and_never_remembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> basic.authenticate(login("alice", "wrong", "10.0.0.2")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(encoder.matched).hasSize(3);
    }

    @Test
    void a_noop_password_is_checked_as_configured_and_never_upgraded() {
        basic.authenticate(login("bob", "plain", "10.0.0.3"));
        ticker.advance(Duration.ofMinutes(6));
        basic.authenticate(login("bob", "plain", "10.0.0.3"));
        assertThat(encoder.matched).containsExactly("{noop}plain", "{noop}plain");
    }

    @Test
    void failures_past_the_free_ones_block_the_user_at_that_address_for_a_doubling_time() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.4")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        // The 4th failure (one past the 3 free ones) blocked for 1 s: even the right password waits.
        assertThatThrownBy(() -> basic.authenticate(login("alice", "s3cret", "10.0.0.4")))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        int hashed = encoder.matched.size();
        ticker.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.4")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.4")))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        assertThat(encoder.matched).as("a blocked login costs no hash").hasSize(hashed + 1);
        // The block is bounded: it doubles up to max-delay (8 s), then the right password works again.
        for (int i = 0; i < 6; i++) {
            ticker.advance(Duration.ofSeconds(8));
            assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.4")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> basic.authenticate(login("alice", "s3cret", "10.0.0.4")))
                .isInstanceOfSatisfying(LoginThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(8));
        ticker.advance(Duration.ofSeconds(8));
        assertThat(basic.authenticate(login("alice", "s3cret", "10.0.0.4")).isAuthenticated()).isTrue();
    }

    @Test
    void the_right_password_from_another_address_still_works_while_one_address_is_blocked() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "203.0.113.9")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> basic.authenticate(login("alice", "s3cret", "203.0.113.9")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(basic.authenticate(login("alice", "s3cret", "10.0.0.5")).isAuthenticated()).isTrue();
    }

    @Test
    void an_address_guessing_many_users_is_blocked_for_all_of_them() {
        for (int i = 0; i < 10; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> basic.authenticate(login(user, "guess", "198.51.100.7")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> basic.authenticate(login("user10", "guess", "198.51.100.7")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> basic.authenticate(login("alice", "s3cret", "198.51.100.7")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(basic.authenticate(login("alice", "s3cret", "10.0.0.6")).isAuthenticated()).isTrue();
    }

    @Test
    void failures_are_forgotten_after_a_while() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.7")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        ticker.advance(Duration.ofMinutes(16));
        // Three more free failures: the earlier three were forgotten.
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> basic.authenticate(login("alice", "guess", "10.0.0.7")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(basic.authenticate(login("alice", "s3cret", "10.0.0.7")).isAuthenticated()).isTrue();
    }
}

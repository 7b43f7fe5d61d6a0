package fr.dinum.ledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where identities come from: no built-in password, and the production profile refuses weak set-ups. */
class IdentitySourceTest {

    static SecurityProperties properties(Map<String, SecurityProperties.User> users, SecurityProperties.Oidc oidc) {
        return new SecurityProperties(users, oidc, List.of(), org.springframework.util.unit.DataSize.ofMegabytes(1));
    }

    static final SecurityProperties.Oidc NO_OIDC = new SecurityProperties.Oidc(null, null, null, "roles", Map.of());

    @Test
    void embedded_mode_without_users_generates_one_with_every_role_and_a_random_password() {
        var first = IdentitySource.basicUsers(properties(Map.of(), NO_OIDC), new MockEnvironment());
        var second = IdentitySource.basicUsers(properties(Map.of(), NO_OIDC), new MockEnvironment());
        assertThat(first).containsOnlyKeys(IdentitySource.GENERATED_USER);
        assertThat(first.get("ledger").roles()).containsExactlyInAnyOrder(Role.values());
        assertThat(first.get("ledger").password()).startsWith("{noop}").hasSizeGreaterThan(20)
                .isNotEqualTo(second.get("ledger").password());
    }

    @Test
    void the_prod_profile_refuses_to_start_without_an_identity_source() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> IdentitySource.basicUsers(properties(Map.of(), NO_OIDC), prod))
                .hasMessageContaining("No identity source");
    }

    @Test
    void an_external_database_without_an_identity_source_refuses_to_start() {
        MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/ledger");
        assertThatThrownBy(() -> IdentitySource.basicUsers(properties(Map.of(), NO_OIDC), external))
                .hasMessageContaining("No identity source");
    }

    @Test
    void the_prod_profile_refuses_clear_text_passwords_and_accepts_bcrypt() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        var clear = Map.of("alice", new SecurityProperties.User("{noop}secret", List.of(Role.READER)));
        assertThatThrownBy(() -> IdentitySource.basicUsers(properties(clear, NO_OIDC), prod)).hasMessageContaining("bcrypt");
        var hashed = Map.of("alice", new SecurityProperties.User(
                "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOa6YvqZLh6Zb1GkD0mQkC8J8cS5xJ2/u", List.of(Role.READER)));
        assertThat(IdentitySource.basicUsers(properties(hashed, NO_OIDC), prod)).containsOnlyKeys("alice");
    }

    @Test
    void a_password_without_its_encoding_is_refused() {
        var bare = Map.of("alice", new SecurityProperties.User("secret", List.of(Role.READER)));
        assertThatThrownBy(() -> IdentitySource.basicUsers(properties(bare, NO_OIDC), new MockEnvironment()))
                .hasMessageContaining("must start with its encoding");
    }

    @Test
    void an_issuer_without_an_audience_is_refused() {
        var oidc = new SecurityProperties.Oidc("https://issuer.test", null, null, "roles", Map.of());
        assertThatThrownBy(() -> IdentitySource.basicUsers(properties(Map.of(), oidc), new MockEnvironment()))
                .hasMessageContaining("audience is required");
    }
}

package fr.dinum.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;
import java.util.Map;

/**
 * Who may use the ledger. Secrets (passwords) come only from the environment, for example
 * {@code LEDGER_SECURITY_USERS_ALICE_PASSWORD={bcrypt}...}; nothing here has a default password.
 *
 * @param users       HTTP Basic users by name, for the embedded default and small deployments
 * @param oidc        an OpenID Connect issuer whose JWTs are accepted (ProConnect or any other)
 * @param corsAllowedOrigins browser origins allowed to call the API; none by default
 * @param maxBodySize the largest request body accepted
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(@DefaultValue Map<String, User> users, @DefaultValue Oidc oidc,
                                 @DefaultValue List<String> corsAllowedOrigins,
                                 @DefaultValue("1MB") DataSize maxBodySize) {

    /**
     * @param password with its encoding prefix: {@code {bcrypt}...} in production, {@code {noop}...}
     *                 for tests and local use only
     */
    public record User(String password, @DefaultValue List<Role> roles) {
        @Override
        public String toString() {
            return "User[roles=" + roles + "]";
        }
    }

    /**
     * @param issuerUri  the issuer ({@code iss}) the tokens must carry; also used for discovery when
     *                   no JWK set URI is given
     * @param jwkSetUri  where the issuer's signing keys are published
     * @param audience   the audience ({@code aud}) the tokens must carry: this ledger's client id
     * @param rolesClaim the claim listing the user's roles, when the provider sends one
     * @param subjects   roles granted by subject ({@code sub}), for providers such as ProConnect that
     *                   authenticate agents but do not know the ledger's roles
     */
    public record Oidc(String issuerUri, String jwkSetUri, String audience,
                       @DefaultValue("roles") String rolesClaim,
                       @DefaultValue Map<String, List<Role>> subjects) {

        public boolean configured() {
            return (issuerUri != null && !issuerUri.isBlank()) || (jwkSetUri != null && !jwkSetUri.isBlank());
        }
    }
}

package fr.dinum.ledger.api.security;

import fr.dinum.ledger.api.database.EmbeddedDatabaseConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where identities come from, at start. There is no built-in password: with no user and
 * no OIDC issuer configured, the embedded (local) mode generates a user with every role and prints
 * its password once; anything else, and the {@code prod} profile always, refuses to start.
 */
final class IdentitySource {

    static final String GENERATED_USER = "ledger";
    private static final Logger LOG = LoggerFactory.getLogger(IdentitySource.class);

    private IdentitySource() {
    }

    /**
     * The generated user of each application context, so that the API's and the console's security
     * chains, which both ask, get the same password (and the log shows it once).
     */
    private static final Map<Environment, Map<String, SecurityProperties.User>> GENERATED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The Basic users to install: the configured ones, or a generated one in embedded mode. */
    static Map<String, SecurityProperties.User> basicUsers(SecurityProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        properties.users().forEach((name, user) -> {
            if (user.password() == null || !user.password().matches("^\\{[a-z0-9]+}.+")) {
                throw new IllegalStateException("ledger.security.users." + name + ".password must start with its "
                        + "encoding, {bcrypt} (or {noop} for local use)");
            }
            if (production && !user.password().matches("^\\{(bcrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8)}.+")) {
                throw new IllegalStateException("ledger.security.users." + name + ".password must be a {bcrypt} hash "
                        + "under the prod profile: clear or weak encodings are refused");
            }
        });
        if (properties.oidc().configured() && (properties.oidc().audience() == null || properties.oidc().audience().isBlank())) {
            throw new IllegalStateException("ledger.security.oidc.audience is required: without it a token issued for "
                    + "another application of the same issuer would be accepted");
        }
        if (!properties.users().isEmpty() || properties.oidc().configured()) {
            return properties.users();
        }
        boolean embedded = environment.getProperty(EmbeddedDatabaseConfiguration.EXTERNAL_URL_PROPERTY, "").isBlank();
        if (production || !embedded) {
            throw new IllegalStateException("No identity source: configure ledger.security.oidc.issuer-uri (or "
                    + "jwk-set-uri) or ledger.security.users.<name>.password and .roles (see docs/security.md)");
        }
        return GENERATED.computeIfAbsent(environment, e -> generated());
    }

    private static Map<String, SecurityProperties.User> generated() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        LOG.warn("No user is configured: generated user '{}' with password '{}' and every role, for this run only. "
                + "Configure ledger.security.users to choose your own (see docs/security.md).", GENERATED_USER, password);
        Map<String, SecurityProperties.User> users = new LinkedHashMap<>();
        users.put(GENERATED_USER, new SecurityProperties.User("{noop}" + password, List.copyOf(EnumSet.allOf(Role.class))));
        return users;
    }
}

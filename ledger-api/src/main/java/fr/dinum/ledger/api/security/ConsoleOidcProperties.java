package fr.dinum.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The web console's sign-in with OpenID Connect (ProConnect or any other issuer): the console is a
 * confidential client of the issuer configured for the API ({@code ledger.security.oidc.issuer-uri}).
 * The secret comes only from the environment: {@code LEDGER_CONSOLE_OIDC_CLIENT_SECRET}.
 *
 * @param clientId     the console's client id at the issuer; unset means no OIDC sign-in
 * @param clientSecret its secret
 * @param scopes       the scopes asked for; {@code openid} at least
 * @param label        the name on the sign-in button
 */
@ConfigurationProperties("ledger.console.oidc")
public record ConsoleOidcProperties(String clientId, String clientSecret, @DefaultValue("openid") List<String> scopes,
                                    @DefaultValue("ProConnect") String label) {

    /** The registration id of the issuer, in the console's OIDC addresses ({@code /oauth2/authorization/oidc}). */
    public static final String REGISTRATION = "oidc";

    public boolean configured() {
        return clientId != null && !clientId.isBlank();
    }

    @Override
    public String toString() {
        return "ConsoleOidcProperties[clientId=" + clientId + ", scopes=" + scopes + "]";
    }
}

package fr.dinum.ledger.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.util.Map;

/**
 * The web console's own security chain, separate from the API's (which stays stateless, without
 * cookies): the console's pages, its static files, {@code /login}, {@code /logout} and {@code /}.
 * A person signs in with the login form and keeps a session, so every form carries a CSRF token;
 * scripts may also fetch the pages with HTTP Basic. The users and roles are the API's: reading
 * needs READER, a command WRITER, an ERDA signature ORDONNATEUR or COMPTABLE (the controllers check
 * that a signer signs only for their own role, as the API does).
 *
 * <p>When {@code ledger.console.oidc.client-id} is set, a person may also sign in with the API's
 * OIDC issuer (ProConnect), as a confidential client of it, with the roles the API would grant to
 * the same person's token.
 *
 * <p>It is ordered before the API's chain, which matches every other request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleOidcProperties.class)
class ConsoleSecurityConfiguration {

    /** The paths this chain answers; everything else goes to the API's chain. */
    static final String[] PATHS = {"/", "/console", "/console/**", "/login", "/logout", "/dsfr/**", "/console-assets/**",
            "/favicon.ico", "/oauth2/authorization/**", "/login/oauth2/code/**"};


    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain consoleSecurity(HttpSecurity http, SecurityProperties properties,
                                        ConsoleOidcProperties consoleOidc, Environment environment,
                                        SecurityConfiguration.BasicVerifier basicVerifier) throws Exception {
        Map<String, SecurityProperties.User> users = IdentitySource.basicUsers(properties, environment);
        http.securityMatcher(PATHS)
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // Everything the pages load is served by the ledger itself: the DSFR is vendored.
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
                                + "form-action 'self'; frame-ancestors 'none'")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/dsfr/**", "/console-assets/**", "/favicon.ico", "/login", "/",
                                "/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/conventions/*/forms/signatures")
                        .hasAnyRole(Role.ORDONNATEUR.name(), Role.COMPTABLE.name())
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole(Role.WRITER.name())
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasRole(Role.READER.name())
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll());
        if (!users.isEmpty()) {
            // The API's verifier: the same credential cache and failed-login throttle.
            http.authenticationProvider(basicVerifier.provider())
                    .httpBasic(basic -> basic.realmName("fdc-ledger"));
        }
        if (consoleOidc.configured()) {
            if (!properties.oidc().configured() || properties.oidc().issuerUri() == null) {
                throw new IllegalStateException("ledger.console.oidc.client-id needs ledger.security.oidc.issuer-uri: "
                        + "the console signs in with the API's issuer");
            }
            http.oauth2Login(login -> login.loginPage("/login").defaultSuccessUrl("/console", false)
                    .clientRegistrationRepository(new IssuerRegistration(properties.oidc().issuerUri(), consoleOidc))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(roles(properties.oidc()))));
        }
        return http.build();
    }

    /**
     * The roles of a person signed in with OIDC: those of the ID token's roles claim and those
     * granted to its subject, by the very mapping the API applies to its bearer tokens.
     */
    private static OAuth2UserService<OidcUserRequest, OidcUser> roles(SecurityProperties.Oidc oidc) {
        OidcUserService users = new OidcUserService();
        return request -> {
            OidcUser user = users.loadUser(request);
            OidcIdToken token = user.getIdToken();
            Jwt jwt = Jwt.withTokenValue(token.getTokenValue()).header("alg", "RS256")
                    .claims(claims -> claims.putAll(token.getClaims())).build();
            return new DefaultOidcUser(SecurityConfiguration.authentication(jwt, oidc).getAuthorities(), token,
                    user.getUserInfo(), "sub");
        };
    }

    /**
     * The console's registration at the issuer, read from the issuer's discovery document on the
     * first sign-in rather than at start, so that the ledger starts while the issuer is unreachable
     * (as the API's token decoder does).
     */
    static final class IssuerRegistration implements ClientRegistrationRepository {

        private final String issuer;
        private final ConsoleOidcProperties client;
        private volatile ClientRegistration registration;

        IssuerRegistration(String issuer, ConsoleOidcProperties client) {
            this.issuer = issuer;
            this.client = client;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!ConsoleOidcProperties.REGISTRATION.equals(registrationId)) {
                return null;
            }
            if (registration == null) {
                synchronized (this) {
                    if (registration == null) {
                        registration = ClientRegistrations.fromIssuerLocation(issuer)
                                .registrationId(ConsoleOidcProperties.REGISTRATION)
                                .clientName(client.label())
                                .clientId(client.clientId())
                                .clientSecret(client.clientSecret())
                                .scope(client.scopes())
                                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                                .build();
                    }
                }
            }
            return registration;
        }
    }
}

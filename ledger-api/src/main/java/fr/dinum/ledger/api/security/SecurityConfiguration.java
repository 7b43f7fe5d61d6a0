package fr.dinum.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import fr.dinum.ledger.api.web.ProblemAdvice;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nobody reads the ledger without being authenticated, and nobody changes it without the right
 * role. Users are authenticated by a JWT from the configured OIDC issuer, or by HTTP Basic against
 * the configured users. The API is stateless: no session, no cookie, hence no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({SecurityProperties.class, BasicAuthenticationProperties.class})
class SecurityConfiguration {

    /**
     * One HTTP Basic verifier for the API's chain and the console's, so that a credential is hashed
     * once for both and a caller's failed logins are counted once, whichever door it knocks on.
     */
    @Bean
    BasicVerifier basicVerifier(SecurityProperties properties, Environment environment,
                                BasicAuthenticationProperties basicLogins) {
        return new BasicVerifier(new BasicAuthentication(IdentitySource.basicUsers(properties, environment),
                basicLogins));
    }

    /**
     * The shared verifier, wrapped: an {@code AuthenticationProvider} bean would also be registered
     * in Spring Security's global manager, which each chain falls back to, and a failed login
     * would then be counted twice.
     */
    record BasicVerifier(BasicAuthentication provider) {
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, Environment environment,
                                    ObjectMapper json, BasicVerifier basicVerifier) throws Exception {
        Map<String, SecurityProperties.User> users = IdentitySource.basicUsers(properties, environment);
        String challenge = properties.oidc().configured() ? "Bearer" : "Basic realm=\"fdc-ledger\"";
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(cors(properties)))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // The API's answers are data, never a page: nothing in them may run or be framed.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                                new StaticHeadersWriter("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(Role.SCRAPER.name())
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.READER.name())
                        .requestMatchers(HttpMethod.POST, "/api/conventions/*/erdas/*/signatures")
                        .hasAnyRole(Role.ORDONNATEUR.name(), Role.COMPTABLE.name())
                        .requestMatchers(HttpMethod.POST, "/api/**").hasRole(Role.WRITER.name())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthenticated(json, challenge))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)));
        if (!users.isEmpty()) {
            // Throttled, cached, and never upgrading a password behind the operator's back: see BasicAuthentication.
            http.authenticationProvider(basicVerifier.provider())
                    .httpBasic(basic -> basic.authenticationEntryPoint(
                            ProblemResponses.unauthenticated(json, "Basic realm=\"fdc-ledger\"")));
        }
        if (properties.oidc().configured()) {
            http.oauth2ResourceServer(resource -> resource
                    .authenticationEntryPoint(ProblemResponses.unauthenticated(json, "Bearer"))
                    .jwt(jwt -> jwt.decoder(jwtDecoder(properties.oidc()))
                            .jwtAuthenticationConverter(token -> authentication(token, properties.oidc()))));
        }
        return http.build();
    }

    /**
     * Spring Security's firewall refuses some requests before any filter of the chain runs (a method
     * it does not allow, such as TRACE, an encoded line break or a NUL in the path...). Its default
     * answer is a bare 400 with no body; this one is the ledger's problem+json.
     */
    @Bean
    RequestRejectedHandler problemOnRejectedRequest(ObjectMapper json) {
        return (request, response, rejected) -> ProblemResponses.write(response, json, ProblemAdvice.problem(
                HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                "The request is not well formed HTTP (its method, path, a header or its encoding)."));
    }

    /**
     * Accepts a token only when its signature verifies against the issuer's keys, it is not expired
     * nor used before its time, its issuer is the configured one and its audience names this ledger.
     */
    static JwtDecoder jwtDecoder(SecurityProperties.Oidc oidc) {
        // Discovery through the issuer is lazy: the ledger starts even while the issuer is unreachable.
        NimbusJwtDecoder decoder = oidc.jwkSetUri() != null && !oidc.jwkSetUri().isBlank()
                ? NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).build()
                : NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(oidc.issuerUri() == null || oidc.issuerUri().isBlank()
                ? JwtValidators.createDefault() : JwtValidators.createDefaultWithIssuer(oidc.issuerUri()));
        // The audience is required (IdentitySource refuses to start without it): a token issued for
        // another application of the same issuer, with its own roles, must never open the ledger.
        validators.add(token -> token.getAudience() != null && token.getAudience().contains(oidc.audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "The token is not meant for this ledger (audience)", null)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** The roles of a token: its roles claim, if the provider sends one, and those granted to its subject. */
    static JwtAuthenticationToken authentication(Jwt token, SecurityProperties.Oidc oidc) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        Object claim = token.getClaims().get(oidc.rolesClaim());
        Collection<?> names = claim instanceof Collection<?> list ? list
                : claim instanceof String text ? List.of(text.split(" ")) : List.of();
        for (Object name : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(String.valueOf(name))) {
                    authorities.add(new SimpleGrantedAuthority(role.authority()));
                }
            }
        }
        oidc.subjects().getOrDefault(token.getSubject(), List.of())
                .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        return new JwtAuthenticationToken(token, authorities, token.getSubject());
    }

    private static UrlBasedCorsConfigurationSource cors(SecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsAllowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "X-Correlation-Id"));
            cors.setExposedHeaders(List.of("Location", "X-Correlation-Id", "X-Projections-Behind"));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}

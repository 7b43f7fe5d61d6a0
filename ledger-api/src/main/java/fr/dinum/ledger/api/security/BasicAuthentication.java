package fr.dinum.ledger.api.security;

import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic against the configured users, with the two protections a password check needs:
 * {@link LoginThrottle} first (a blocked user and address, or address, is refused before anything is
 * computed), then {@link VerifiedCredentials} (a credential verified a moment ago is not hashed
 * again), and only then Spring Security's check of the stored hash.
 *
 * <p>The users are served by a plain {@link UserDetailsService}, not by Spring's
 * {@code InMemoryUserDetailsManager}: that one is also a {@code UserDetailsPasswordService}, and
 * Spring Security would then "upgrade" each {@code {noop}} password to a bcrypt hash in memory after
 * its first use, silently making every later request pay a bcrypt. The operator's configuration is
 * what is checked, as written.
 */
final class BasicAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;

    BasicAuthentication(Map<String, SecurityProperties.User> users, BasicAuthenticationProperties properties) {
        this(users, properties, Ticker.systemTicker(), PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    BasicAuthentication(Map<String, SecurityProperties.User> users, BasicAuthenticationProperties properties,
                        Ticker ticker, PasswordEncoder encoder) {
        this.passwords = new DaoAuthenticationProvider(userDetails(users));
        // No UserDetailsPasswordService is set: a password is checked as configured, never re-encoded.
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = new LoginThrottle(properties.throttle(), ticker);
        this.verified = new VerifiedCredentials(properties, ticker);
    }

    private static UserDetailsService userDetails(Map<String, SecurityProperties.User> users) {
        // A new UserDetails each time: Spring erases the password of the one it authenticated.
        return name -> Optional.ofNullable(users.get(name))
                .map(user -> User.withUsername(name)
                        .password(user.password())
                        .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                && web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
        var wait = throttle.blocked(user, address);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        String key = verified.keyOf(user, password);
        var known = verified.get(key);
        if (known.isPresent()) {
            return authenticated(known.get(), authentication);
        }
        Authentication checked;
        try {
            checked = passwords.authenticate(authentication);
        } catch (BadCredentialsException e) {
            verified.drop(key);
            throw failed(user, address, e);
        }
        VerifiedCredentials.Verified granted = new VerifiedCredentials.Verified(user,
                AuthorityUtils.authorityListToSet(checked.getAuthorities()).stream().sorted().toList());
        verified.put(key, granted);
        throttle.succeeded(user, address);
        return authenticated(granted, authentication);
    }

    /** The failure that crosses the limit is still a 401; the next attempt, while blocked, is the 429. */
    private BadCredentialsException failed(String user, String address, BadCredentialsException e) {
        throttle.failed(user, address);
        return e;
    }

    private static Authentication authenticated(VerifiedCredentials.Verified granted, Authentication request) {
        var authorities = AuthorityUtils.createAuthorityList(granted.authorities().toArray(String[]::new));
        UserDetails principal = User.withUsername(granted.user()).password("").authorities(authorities).build();
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        result.setDetails(request.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

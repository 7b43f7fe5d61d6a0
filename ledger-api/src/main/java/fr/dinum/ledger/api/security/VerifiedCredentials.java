package fr.dinum.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Remembers, for a short time, which HTTP Basic credentials were verified, so that a client that
 * sends the same user and password with each request pays one bcrypt (about 70 ms of CPU here) per
 * {@code verifiedTtl}, not one per request.
 *
 * <p>What is kept is safe to keep: the key is an HMAC-SHA256 of the user and the password under a
 * random key drawn at each start and never written anywhere, so the cache holds neither a password
 * nor a hash that could be attacked offline, even from a heap dump taken after the process ended its
 * key; the value is the user's name and roles. Only successes are kept, and a credential that fails
 * is dropped. A password changed in the configuration takes effect at the restart that reads it,
 * which also empties this cache.
 */
final class VerifiedCredentials {

    /** What a verified credential grants. */
    record Verified(String user, List<String> authorities) {
    }

    private final Cache<String, Verified> verified;
    private final SecretKeySpec key;

    VerifiedCredentials(BasicAuthenticationProperties properties, Ticker ticker) {
        this.verified = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.verifiedTtl())
                .maximumSize(properties.verifiedMaxSize())
                .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String keyOf(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            // A separator that neither part can hold keeps ("ab", "c") apart from ("a", "bc").
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    Optional<Verified> get(String key) {
        return Optional.ofNullable(verified.getIfPresent(key));
    }

    void put(String key, Verified value) {
        verified.put(key, value);
    }

    void drop(String key) {
        verified.invalidate(key);
    }
}

package fr.dinum.ledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How HTTP Basic logins are checked and slowed down (see docs/security.md).
 *
 * @param verifiedTtl      how long a password verified against its bcrypt hash is taken as verified
 *                         without hashing it again; the cache is in memory, per process
 * @param verifiedMaxSize  how many verified credentials are kept at most
 * @param throttle         how repeated failed logins are slowed, then refused
 */
@ConfigurationProperties("ledger.security.basic")
public record BasicAuthenticationProperties(@DefaultValue("5m") Duration verifiedTtl,
                                            @DefaultValue("10000") int verifiedMaxSize,
                                            @DefaultValue Throttle throttle) {

    public BasicAuthenticationProperties {
        if (verifiedTtl.isNegative() || verifiedMaxSize < 0) {
            throw new IllegalArgumentException("ledger.security.basic.verified-ttl and verified-max-size must not be negative");
        }
    }

    /**
     * Failed logins are counted per user and address, and per address. Past the free failures,
     * each further failure blocks the counter's key for a delay that doubles, from
     * {@code firstDelay} up to {@code maxDelay}; while a key is blocked, its logins are answered
     * 429 with {@code Retry-After}, without checking the password. A counter is forgotten once
     * {@code forgetAfter} has passed since its last failure and its block is over.
     *
     * @param perUserAndAddress failures of one user from one address before blocking
     * @param perAddress        failures from one address, whatever the user, before blocking
     * @param firstDelay        the first block
     * @param maxDelay          the longest block
     * @param forgetAfter       how long a failure is remembered
     * @param maxTracked        how many counters are kept at most (the oldest go first)
     */
    public record Throttle(@DefaultValue("5") int perUserAndAddress,
                           @DefaultValue("20") int perAddress,
                           @DefaultValue("1s") Duration firstDelay,
                           @DefaultValue("15m") Duration maxDelay,
                           @DefaultValue("15m") Duration forgetAfter,
                           @DefaultValue("100000") int maxTracked) {

        public Throttle {
            if (perUserAndAddress < 0 || perAddress < 0 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0
                    || forgetAfter.isNegative() || maxTracked < 1) {
                throw new IllegalArgumentException("ledger.security.basic.throttle: counts and durations must not be "
                        + "negative, and max-delay must be at least first-delay");
            }
        }
    }
}

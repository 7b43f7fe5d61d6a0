package fr.dinum.ledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Makes guessing passwords cost the attacker, not the server: failed HTTP Basic logins are counted
 * per (user, address) and per address, and past a few free failures each key is blocked for a delay
 * that doubles at each further failure, up to a maximum. While blocked, a login is refused at once
 * (429), before any bcrypt is computed, so the attacker's rate falls to one guess per delay and the
 * server spends nothing on the refused ones.
 *
 * <p>There is deliberately no counter per user alone: it would let anyone lock a user out from
 * anywhere by failing on purpose. The legitimate user, from another address, still logs in. A
 * success clears the counter of its (user, address), not the one of its address, so that an attacker
 * holding one valid account cannot reset the count of the address it guesses from.
 *
 * <p>The counters live in Caffeine caches, bounded in size and each entry expiring when its block is
 * over and its failures are old: an attacker rotating addresses fills a bounded map, never the heap.
 * They are per process: with several instances, each counts what it sees.
 */
final class LoginThrottle {

    private record Failures(int count, long blockedUntil, long forgetAt) {
    }

    private final BasicAuthenticationProperties.Throttle settings;
    private final Ticker ticker;
    private final Cache<String, Failures> failures;

    LoginThrottle(BasicAuthenticationProperties.Throttle settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(settings.maxTracked())
                .expireAfter(new Expiry<String, Failures>() {
                    @Override
                    public long expireAfterCreate(String key, Failures value, long now) {
                        return Math.max(0, value.forgetAt() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Failures value, long now, long current) {
                        return Math.max(0, value.forgetAt() - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Failures value, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /** @return how long the caller must still wait, when the user at this address, or the address, is blocked */
    Optional<Duration> blocked(String user, String address) {
        long now = ticker.read();
        long until = Math.max(blockedUntil(userKey(user, address)), blockedUntil(addressKey(address)));
        return until > now ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
    }

    void failed(String user, String address) {
        record(userKey(user, address), settings.perUserAndAddress());
        record(addressKey(address), settings.perAddress());
    }

    void succeeded(String user, String address) {
        failures.invalidate(userKey(user, address));
    }

    private long blockedUntil(String key) {
        Failures current = failures.getIfPresent(key);
        return current == null ? Long.MIN_VALUE : current.blockedUntil();
    }

    private void record(String key, int free) {
        failures.asMap().compute(key, (k, previous) -> {
            long now = ticker.read();
            int count = previous == null ? 1 : previous.count() + 1;
            long blockedUntil = now;
            if (count > free) {
                int doublings = Math.min(count - free - 1, 30);
                long delay = Math.min(settings.firstDelay().toNanos() << doublings, settings.maxDelay().toNanos());
                if (delay < 0) {
                    delay = settings.maxDelay().toNanos();
                }
                blockedUntil = now + delay;
            }
            long forgetAt = Math.max(blockedUntil, now) + settings.forgetAfter().toNanos();
            return new Failures(count, blockedUntil, forgetAt);
        });
    }

    /* A user name from a Basic header holds no ':' (the header is split at the first one): the key is unambiguous. */
    private static String userKey(String user, String address) {
        return "user:" + user + ":" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}

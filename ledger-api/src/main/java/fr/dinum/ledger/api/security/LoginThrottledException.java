package fr.dinum.ledger.api.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A login refused without checking the password, because its user and address, or its address, failed too often. */
final class LoginThrottledException extends AuthenticationException {

    static final String CODE = "TOO_MANY_FAILED_LOGINS";

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins: try again later");
        this.retryAfter = retryAfter;
    }

    /** @return the whole seconds to wait, at least 1, for the Retry-After header */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

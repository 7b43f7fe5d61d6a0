package fr.dinum.ledger.domain.values;

import java.util.Objects;

/**
 * Thrown when a raw input cannot become a domain value.
 *
 * <p>It extends {@link IllegalArgumentException} because a refused value is, at bottom, a bad
 * argument; it adds a stable {@link #code()} so that the API layer and the audit trail can report
 * the rejection without parsing the human message, which may be reworded at any time.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates the exception.
     *
     * @param code a stable UPPER_SNAKE rejection code, such as {@code IBAN_CHECKSUM_INVALID}
     * @param message a human sentence naming exactly the check that failed
     */
    public InvalidValueException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Returns the stable rejection code, which clients may rely on, unlike the message.
     *
     * @return the UPPER_SNAKE code
     */
    public String code() {
        return code;
    }
}

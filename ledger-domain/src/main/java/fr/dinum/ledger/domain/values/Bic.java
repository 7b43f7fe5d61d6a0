package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Business Identifier Code (ISO 9362), the SWIFT address of a bank: 4 letters of bank code,
 * 2 letters of country, 2 alphanumerics of location and an optional 3-alphanumeric branch code.
 *
 * <p>It is held trimmed and upper-cased, because BICs are often copied with surrounding spaces or
 * in lower case and those differences carry no meaning.
 *
 * @param value the 8 or 11 characters
 */
public record Bic(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    /**
     * Normalises and validates the BIC.
     *
     * @throws InvalidValueException with code {@code BIC_FORMAT_INVALID} if the value is null or not
     *     of the BIC shape
     */
    public Bic {
        if (value == null) {
            throw new InvalidValueException("BIC_FORMAT_INVALID", "The BIC is missing.");
        }
        value = value.trim().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(
                    "BIC_FORMAT_INVALID",
                    "The BIC '" + value + "' is not 4 letters (bank), 2 letters (country),"
                            + " 2 letters or digits (location) and optionally 3 letters or digits (branch).");
        }
    }

    /**
     * Parses a BIC; it is the JSON creator so that the BIC travels as a plain string.
     *
     * @param value the BIC
     * @return the normalised BIC
     * @throws InvalidValueException if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Bic of(String value) {
        return new Bic(value);
    }

    /** @return the normalised BIC, which is also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}

package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The SIREN number that INSEE gives to a legal person: 9 ASCII digits passing the Luhn check.
 *
 * <p>The Luhn check is verified because it catches almost every single-digit typo and every swap
 * of adjacent digits, which are the usual mistakes when a number is keyed in.
 *
 * @param value the 9 digits
 */
public record Siren(String value) {

    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    /**
     * Validates the SIREN.
     *
     * @throws InvalidValueException with code {@code SIREN_FORMAT_INVALID} if the value is null or not
     *     9 ASCII digits, or {@code SIREN_CHECKSUM_INVALID} if it fails the Luhn check
     */
    public Siren {
        if (value == null || !NINE_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException(
                    "SIREN_FORMAT_INVALID", "The SIREN '" + value + "' is not exactly 9 digits.");
        }
        if (!passesLuhn(value)) {
            throw new InvalidValueException(
                    "SIREN_CHECKSUM_INVALID", "The SIREN '" + value + "' fails the Luhn check.");
        }
    }

    /**
     * Parses a SIREN; it is the JSON creator so that the number travels as a plain string.
     *
     * @param value the 9 digits
     * @return the SIREN
     * @throws InvalidValueException if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Siren of(String value) {
        return new Siren(value);
    }

    /** @return the 9 digits, which are also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    /**
     * Applies the Luhn algorithm to a string of ASCII digits; it is shared with {@link Siret}, whose
     * check is the same over 14 digits.
     */
    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        // The rightmost digit is never doubled, so the walk starts from the right.
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

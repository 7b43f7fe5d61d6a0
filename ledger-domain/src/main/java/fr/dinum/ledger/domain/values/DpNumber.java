package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The number of a demande de paiement (payment request) in Chorus, exactly 9 ASCII digits.
 *
 * <p>It is a distinct type, rather than a bare string, so that a payment request number can never be passed
 * where an engagement juridique number is expected.
 *
 * @param value the 9 digits
 */
public record DpNumber(String value) {

    // The digits are spelled [0-9] so that the rule visibly admits ASCII digits only.
    private static final Pattern NINE_DIGITS = Pattern.compile("[0-9]{9}");

    /**
     * Validates the number.
     *
     * @throws InvalidValueException with code {@code DP_NUMBER_INVALID} if the value is null or not
     *     exactly 9 ASCII digits
     */
    public DpNumber {
        if (value == null || !NINE_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException(
                    "DP_NUMBER_INVALID",
                    "The demande de paiement number '" + value + "' is not exactly 9 digits.");
        }
    }

    /**
     * Parses a DP number; it is the JSON creator so that the number travels as a plain string.
     *
     * @param value the 9 digits
     * @return the DP number
     * @throws InvalidValueException with code {@code DP_NUMBER_INVALID} if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DpNumber of(String value) {
        return new DpNumber(value);
    }

    /** @return the 9 digits, which are also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}

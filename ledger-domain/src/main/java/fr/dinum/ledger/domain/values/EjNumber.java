package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The number of an engagement juridique (legal commitment) in Chorus, exactly 10 ASCII digits.
 *
 * <p>It is a distinct type, rather than a bare string, so that an EJ number can never be passed
 * where a payment request number is expected.
 *
 * @param value the 10 digits
 */
public record EjNumber(String value) {

    // The digits are spelled [0-9] so that the rule visibly admits ASCII digits only.
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    /**
     * Validates the number.
     *
     * @throws InvalidValueException with code {@code EJ_NUMBER_INVALID} if the value is null or not
     *     exactly 10 ASCII digits
     */
    public EjNumber {
        if (value == null || !TEN_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException(
                    "EJ_NUMBER_INVALID",
                    "The engagement juridique number '" + value + "' is not exactly 10 digits.");
        }
    }

    /**
     * Parses an EJ number; it is the JSON creator so that the number travels as a plain string.
     *
     * @param value the 10 digits
     * @return the EJ number
     * @throws InvalidValueException with code {@code EJ_NUMBER_INVALID} if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static EjNumber of(String value) {
        return new EjNumber(value);
    }

    /** @return the 10 digits, which are also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}

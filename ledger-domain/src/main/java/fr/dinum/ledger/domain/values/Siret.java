package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The SIRET number of an establishment: its SIREN followed by a 5-digit NIC, 14 ASCII digits in
 * all, passing the Luhn check.
 *
 * <p>La Poste is the documented exception: it has more establishments than the Luhn key leaves
 * room for, so INSEE numbers them so that the sum of the 14 digits is a multiple of 5 instead. The
 * head office, {@value #LA_POSTE_HEAD_OFFICE}, was numbered before that rule and passes the
 * ordinary Luhn check, so it keeps that check.
 *
 * @param value the 14 digits
 */
public record Siret(String value) {

    /** The SIREN of La Poste, whose establishments follow the digit-sum rule. */
    static final String LA_POSTE_SIREN = "356000000";

    /** The SIRET of La Poste's head office, which follows the ordinary Luhn rule. */
    static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[0-9]{14}");

    /**
     * Validates the SIRET.
     *
     * @throws InvalidValueException with code {@code SIRET_FORMAT_INVALID} if the value is null or not
     *     14 ASCII digits, or {@code SIRET_CHECKSUM_INVALID} if it fails its check (or if its SIREN
     *     part fails the SIREN's own Luhn check)
     */
    public Siret {
        if (value == null || !FOURTEEN_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException(
                    "SIRET_FORMAT_INVALID", "The SIRET '" + value + "' is not exactly 14 digits.");
        }
        if (value.startsWith(LA_POSTE_SIREN) && !value.equals(LA_POSTE_HEAD_OFFICE)) {
            if (digitSum(value) % 5 != 0) {
                throw new InvalidValueException(
                        "SIRET_CHECKSUM_INVALID",
                        "The La Poste SIRET '" + value + "' fails the La Poste check: the sum of its"
                                + " digits is not a multiple of 5.");
            }
        } else if (!Siren.passesLuhn(value)) {
            throw new InvalidValueException(
                    "SIRET_CHECKSUM_INVALID", "The SIRET '" + value + "' fails the Luhn check.");
        }
        // A SIRET is its SIREN plus a NIC, so a SIRET whose SIREN is invalid cannot be genuine;
        // checking it here also guarantees that siren() never throws.
        if (!Siren.passesLuhn(value.substring(0, 9))) {
            throw new InvalidValueException(
                    "SIRET_CHECKSUM_INVALID",
                    "The SIRET '" + value + "' starts with the SIREN '" + value.substring(0, 9)
                            + "', which fails the Luhn check.");
        }
    }

    /**
     * Parses a SIRET; it is the JSON creator so that the number travels as a plain string.
     *
     * @param value the 14 digits
     * @return the SIRET
     * @throws InvalidValueException if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Siret of(String value) {
        return new Siret(value);
    }

    /** @return the SIREN of the legal person this establishment belongs to: the first 9 digits */
    public Siren siren() {
        return new Siren(value.substring(0, 9));
    }

    /** @return the 14 digits, which are also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    private static int digitSum(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += digits.charAt(i) - '0';
        }
        return sum;
    }
}

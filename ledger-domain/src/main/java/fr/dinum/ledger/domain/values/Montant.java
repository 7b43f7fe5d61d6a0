package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in euros, exact to the cent.
 *
 * <p>Public accounting must never lose a cent to binary rounding, so the amount is held as a
 * {@link BigDecimal} and no {@code double} or {@code float} is used anywhere. The value is always
 * normalised to scale 2, so that {@code 10.5} and {@code 10.50} are the same amount and
 * {@link #equals(Object)} agrees with {@link #compareTo(Montant)}.
 *
 * <p>Negative amounts are allowed by the type because balances computed from events may go below
 * zero; the rules that require a positive amount check it with {@link #isPositive()}.
 *
 * @param value the amount in euros, with at most two significant decimals
 */
public record Montant(BigDecimal value) implements Comparable<Montant> {

    /** The largest absolute amount accepted; it keeps amounts within what the State's systems store. */
    public static final BigDecimal MAX_ABSOLUTE = new BigDecimal("999999999999.99");

    /** Zero euros, the neutral element of {@link #plus(Montant)} and the result of an empty sum. */
    public static final Montant ZERO = new Montant(BigDecimal.ZERO);

    /*
     * Only plain decimal notation is accepted, because exponents, thousands separators and decimal
     * commas are ambiguous or locale-dependent and have no place in an exchanged amount.
     */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /**
     * Validates and normalises the amount.
     *
     * @throws InvalidValueException if the value is null, has more than two significant decimals or
     *     is out of range
     */
    public Montant {
        if (value == null) {
            throw new InvalidValueException("AMOUNT_NOT_A_NUMBER", "The amount is missing.");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException(
                    "AMOUNT_TOO_MANY_DECIMALS",
                    "The amount " + value.toPlainString() + " has more than two decimals (cents).");
        }
        if (value.abs().compareTo(MAX_ABSOLUTE) > 0) {
            throw new InvalidValueException(
                    "AMOUNT_OUT_OF_RANGE",
                    "The amount " + value.toPlainString() + " exceeds 999999999999.99 in absolute value.");
        }
        // The scale check above guarantees that this never needs to round.
        value = value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Parses plain decimal text such as {@code "1600000.00"}, {@code "12"} or {@code "-3.5"}.
     *
     * <p>It is the JSON creator so that amounts travel as strings and never through a JSON number,
     * which many clients would read as a binary floating-point value.
     *
     * @param text the decimal text
     * @return the amount
     * @throws InvalidValueException if the text is null or not plain decimal notation
     *     ({@code AMOUNT_NOT_A_NUMBER}), or if the amount itself is refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Montant of(String text) {
        if (text == null) {
            throw new InvalidValueException("AMOUNT_NOT_A_NUMBER", "The amount is missing.");
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidValueException(
                    "AMOUNT_NOT_A_NUMBER",
                    "The amount '" + text + "' is not a plain decimal number such as 1234.56"
                            + " (no exponent, comma, space or sign other than a leading minus).");
        }
        return new Montant(new BigDecimal(text));
    }

    /**
     * Wraps an exact decimal.
     *
     * @param value the amount in euros
     * @return the amount
     * @throws InvalidValueException if the amount is refused
     */
    public static Montant of(BigDecimal value) {
        return new Montant(value);
    }

    /**
     * Creates a whole amount of euros, convenient for tests and round figures.
     *
     * @param euros the number of euros
     * @return the amount
     * @throws InvalidValueException if the amount is out of range
     */
    public static Montant euros(long euros) {
        return new Montant(BigDecimal.valueOf(euros));
    }

    /**
     * Adds all amounts, returning {@link #ZERO} for an empty collection.
     *
     * @param amounts the amounts, none null
     * @return their total
     * @throws InvalidValueException if a partial or final total is out of range
     */
    public static Montant sum(Collection<Montant> amounts) {
        Objects.requireNonNull(amounts, "amounts");
        BigDecimal total = BigDecimal.ZERO;
        for (Montant amount : amounts) {
            total = total.add(Objects.requireNonNull(amount, "amount").value);
        }
        return new Montant(total);
    }

    /**
     * Adds another amount.
     *
     * @param other the amount to add
     * @return the sum
     * @throws InvalidValueException if the sum is out of range
     */
    public Montant plus(Montant other) {
        return new Montant(value.add(other.value));
    }

    /**
     * Subtracts another amount; the result may be negative.
     *
     * @param other the amount to subtract
     * @return the difference
     * @throws InvalidValueException if the difference is out of range
     */
    public Montant minus(Montant other) {
        return new Montant(value.subtract(other.value));
    }

    /**
     * Returns the opposite amount, which is always in range because the range is symmetric.
     *
     * @return the opposite amount
     */
    public Montant negate() {
        return new Montant(value.negate());
    }

    /**
     * Returns the smaller of the two amounts, this one when they are equal.
     *
     * @param other the other amount
     * @return the smaller amount
     */
    public Montant min(Montant other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * Returns the larger of the two amounts, this one when they are equal.
     *
     * @param other the other amount
     * @return the larger amount
     */
    public Montant max(Montant other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** @return whether the amount is strictly greater than zero */
    public boolean isPositive() {
        return value.signum() > 0;
    }

    /** @return whether the amount is strictly less than zero */
    public boolean isNegative() {
        return value.signum() < 0;
    }

    /** @return whether the amount is zero */
    public boolean isZero() {
        return value.signum() == 0;
    }

    /**
     * @param other the amount to compare with
     * @return whether this amount is strictly greater than the other
     */
    public boolean isGreaterThan(Montant other) {
        return compareTo(other) > 0;
    }

    /**
     * @param other the amount to compare with
     * @return whether this amount is strictly less than the other
     */
    public boolean isLessThan(Montant other) {
        return compareTo(other) < 0;
    }

    /**
     * @param other the amount to compare with
     * @return whether this amount is greater than or equal to the other
     */
    public boolean isAtLeast(Montant other) {
        return compareTo(other) >= 0;
    }

    /**
     * @param other the amount to compare with
     * @return whether this amount is less than or equal to the other
     */
    public boolean isAtMost(Montant other) {
        return compareTo(other) <= 0;
    }

    @Override
    public int compareTo(Montant other) {
        return value.compareTo(other.value);
    }

    /**
     * Returns the plain decimal text with exactly two decimals, such as {@code "1600000.00"} or
     * {@code "-3.50"}; it is the JSON form, so that amounts are exchanged as exact strings.
     *
     * @return the plain text of the amount
     */
    @JsonValue
    @Override
    public String toString() {
        return value.toPlainString();
    }
}

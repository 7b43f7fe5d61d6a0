package fr.dinum.ledger.domain.values;

import java.time.LocalDate;

/**
 * The range of business dates the ledger accepts: 1990-01-01 to 2100-12-31. Fonds de concours in
 * their current form date from the LOLF (2001); the range leaves room on both sides and still
 * refuses what can only be a typing error or an attack, such as {@code +999999999-12-31}, which
 * Java parses but PostgreSQL cannot store, so that one such date in an event would stop every
 * projection. The REST API and the commands both check it here.
 */
public final class BusinessDate {

    /** The stable rejection code of a date outside the range. */
    public static final String CODE = "DATE_OUT_OF_RANGE";

    public static final LocalDate MIN = LocalDate.of(1990, 1, 1);
    public static final LocalDate MAX = LocalDate.of(2100, 12, 31);

    private BusinessDate() {
    }

    /** @return true when the date is null or within the range */
    public static boolean inRange(LocalDate date) {
        return date == null || (!date.isBefore(MIN) && !date.isAfter(MAX));
    }

    /** @return the sentence that says a date is outside the range */
    public static String describe(String field, LocalDate date) {
        return field + " must lie between " + MIN + " and " + MAX + ", got " + date;
    }

    /**
     * Refuses a date outside the range.
     *
     * @param field the field's name, for the message
     * @param date  the date, possibly null
     * @return the date, unchanged
     * @throws InvalidValueException with code {@value #CODE}
     */
    public static LocalDate require(String field, LocalDate date) {
        if (!inRange(date)) {
            throw new InvalidValueException(CODE, describe(field, date));
        }
        return date;
    }
}

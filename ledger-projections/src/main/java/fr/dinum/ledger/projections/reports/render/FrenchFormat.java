package fr.dinum.ledger.projections.reports.render;

import fr.dinum.ledger.domain.values.Montant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * Amounts and dates written the way French finance staff read them, computed from exact decimals:
 * no {@code double}, no {@link java.text.NumberFormat} (whose French grouping separator changed
 * between Java versions and whose rounding goes through its own rules).
 *
 * <p><b>Grouping separator.</b> Amounts are grouped by three digits with a NO-BREAK SPACE (U+00A0),
 * and the same character separates the amount from {@code €}. French typography prefers the narrow
 * no-break space U+202F, but the PDF is set in the standard (base-14) PDF fonts, whose WinAnsi
 * encoding has U+00A0 and not U+202F: U+202F would print as a missing glyph. Using one character
 * everywhere keeps the PDF, the spreadsheets' text and this class's parser consistent, and U+00A0
 * still never lets a line break split an amount. {@link #parseAmount(String)} also accepts U+202F
 * and a plain space, so text pasted from elsewhere reads back.
 *
 * <p>Every method takes null and gives the empty string, because most dates and amounts of a report
 * line are optional and an empty cell is how a report shows "none".
 */
public final class FrenchFormat {

    /** The grouping separator of amounts and the space before {@code €}: NO-BREAK SPACE. */
    public static final char GROUP_SEPARATOR = '\u00A0';

    /** The euro sign that ends a displayed amount. */
    public static final String EURO = GROUP_SEPARATOR + "€";

    /*
     * "uuuu" rather than "yyyy" so that parsing with the strict resolver needs no era; the
     * formatter is immutable and thread-safe, so one instance serves every report.
     */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private FrenchFormat() {
    }

    /**
     * Writes an amount for reading: {@code 1 600 000,00 €}, {@code -1 600,00 €}.
     *
     * @param amount the amount, or null
     * @return the text, or the empty string for null
     */
    public static String amount(Montant amount) {
        return amount == null ? "" : amount(amount.value());
    }

    /**
     * Writes an exact decimal as an amount in euros, as {@link #amount(Montant)} does.
     *
     * @param value a value with at most two decimals, or null
     * @return the text, or the empty string for null
     * @throws ArithmeticException if the value has more than two significant decimals, because
     *     rounding a public account silently is never right
     */
    public static String amount(BigDecimal value) {
        return value == null ? "" : grouped(value) + EURO;
    }

    /**
     * Writes a fraction as a French percentage with two decimals: 0.5 gives {@code 50,00 %}.
     *
     * @param fraction a fraction such as a co-funder's share, or null
     * @return the text, or the empty string for null
     */
    public static String percent(BigDecimal fraction) {
        return fraction == null ? "" : fraction.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString().replace('.', ',') + GROUP_SEPARATOR + "%";
    }

    /**
     * Writes an exact decimal with grouped thousands and two decimals, without the currency:
     * {@code 1 600 000,00}.
     *
     * @param value a value with at most two significant decimals, or null
     * @return the text, or the empty string for null
     */
    public static String grouped(BigDecimal value) {
        if (value == null) {
            return "";
        }
        String plain = twoDecimals(value).abs().toPlainString();
        int dot = plain.indexOf('.');
        String integer = plain.substring(0, dot);
        StringBuilder text = new StringBuilder(plain.length() + integer.length() / 3 + 3);
        if (value.signum() < 0) {
            text.append('-');
        }
        int firstGroup = integer.length() % 3 == 0 ? 3 : integer.length() % 3;
        text.append(integer, 0, firstGroup);
        for (int i = firstGroup; i < integer.length(); i += 3) {
            text.append(GROUP_SEPARATOR).append(integer, i, i + 3);
        }
        return text.append(',').append(plain, dot + 1, plain.length()).toString();
    }

    /**
     * Writes an amount for a French CSV: decimal comma, no grouping, no currency, so that a French
     * spreadsheet reads it as a number: {@code 1600000,00}, {@code -1600,00}.
     *
     * @param amount the amount, or null
     * @return the text, or the empty string for null
     */
    public static String csvNumber(Montant amount) {
        return amount == null ? "" : csvNumber(amount.value());
    }

    /**
     * Writes an exact decimal for a French CSV, as {@link #csvNumber(Montant)} does.
     *
     * @param value a value with at most two significant decimals, or null
     * @return the text, or the empty string for null
     */
    public static String csvNumber(BigDecimal value) {
        return value == null ? "" : twoDecimals(value).toPlainString().replace('.', ',');
    }

    /**
     * Writes a date as {@code 11/05/2020}, in reports and in CSV alike.
     *
     * @param date the date, or null
     * @return the text, or the empty string for null
     */
    public static String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /**
     * Writes a date for a French CSV: {@code 11/05/2020}.
     *
     * @param date the date, or null
     * @return the text, or the empty string for null
     */
    public static String csvDate(LocalDate date) {
        return date(date);
    }

    /**
     * Reads back an amount written by {@link #amount(BigDecimal)} or {@link #grouped(BigDecimal)},
     * also accepting a narrow no-break space or a plain space as separator.
     *
     * @param text such as {@code 1 600 000,00 €}
     * @return the exact value, with scale 2
     * @throws NumberFormatException if the text is not such an amount
     */
    public static BigDecimal parseAmount(String text) {
        String compact = text.replace("€", "").replace(GROUP_SEPARATOR, ' ').replace('\u202F', ' ')
                .replace(" ", "");
        return parseCsvNumber(compact);
    }

    /**
     * Reads back a CSV number such as {@code 1600000,00} or {@code -1600,00}.
     *
     * @param text the text
     * @return the exact value, with scale 2
     * @throws NumberFormatException if the text is not a decimal number with a decimal comma
     */
    public static BigDecimal parseCsvNumber(String text) {
        if (!text.matches("-?[0-9]+(,[0-9]{1,2})?")) {
            throw new NumberFormatException("Not a French decimal number: '" + text + "'");
        }
        return new BigDecimal(text.replace(',', '.')).setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Reads back a date written as {@code 11/05/2020}.
     *
     * @param text the text
     * @return the date
     * @throws java.time.format.DateTimeParseException if the text is not such a date
     */
    public static LocalDate parseDate(String text) {
        return LocalDate.parse(text, DATE);
    }

    /** Brings a value to two decimals, refusing to round: amounts of a report are exact to the cent. */
    private static BigDecimal twoDecimals(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }
}

package fr.dinum.ledger.domain.values;

/**
 * The one rule for the text that people type into the ledger: names, titles, references, reasons.
 * Every such text ends up in an event, and an event is permanent, so a character that a later
 * reader cannot take must be refused before it is recorded, whoever sends the command (the REST
 * API, the demo data, a future import). PostgreSQL refuses NUL in {@code text} columns, so one NUL
 * accepted into an event stops every projection for good; the other control characters and the
 * bidirectional overrides are refused for the auditors' sake, since they make a name print
 * differently from what it is.
 *
 * <p>Refused everywhere: the C0 controls (U+0000 to U+001F, tab included), DEL and the C1 controls
 * (U+007F to U+009F), the bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069), and a surrogate that is not half of a pair (text that is not Unicode). Line
 * feed and carriage return are accepted only in free text that is written as sentences (the
 * {@link Lines#MULTI} fields: a release's or a termination's reason, an avenant's summary, the
 * object of a commitment). Names, identifiers and references are single lines.
 *
 * <p>The REST API calls {@link #firstUnsafe} to name the field in its 400 answer; the commands call
 * {@link #require} so that nothing else can slip through.
 */
public final class SafeText {

    /** The stable rejection code of a text with a refused character. */
    public static final String CODE = "TEXT_CONTROL_CHARACTER";

    /** Whether a text may span several lines. */
    public enum Lines {
        /** Names, identifiers, references: no line break. */
        SINGLE,
        /** Free text written as sentences: line feed and carriage return allowed. */
        MULTI
    }

    private SafeText() {
    }

    /**
     * Finds the first refused character.
     *
     * @param text  the text, possibly null (null has no refused character)
     * @param lines whether line breaks are allowed
     * @return the index of the first refused character, or -1 when the text is safe
     */
    public static int firstUnsafe(String text, Lines lines) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || refused(c, lines)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean refused(char c, Lines lines) {
        if (c == '\n' || c == '\r') {
            return lines == Lines.SINGLE;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /**
     * Describes the refused character of a text, for a message that names it without printing it.
     *
     * @param field the name of the field, as the caller knows it
     * @param text  a text with a refused character
     * @param index the index given by {@link #firstUnsafe}
     * @return a sentence such as "supplier.name has the character U+0000 at position 2, which is refused"
     */
    public static String describe(String field, String text, int index) {
        return String.format("%s has the character U+%04X at position %d, which is refused: text fields take "
                        + "printable characters only, and line breaks only in free text (reason, summary, object)",
                field, (int) text.charAt(index), index + 1);
    }

    /**
     * Refuses a text with a refused character.
     *
     * @param field the field's name, for the message
     * @param text  the text, possibly null
     * @param lines whether line breaks are allowed
     * @return the text, unchanged
     * @throws InvalidValueException with code {@value #CODE}
     */
    public static String require(String field, String text, Lines lines) {
        int index = firstUnsafe(text, lines);
        if (index >= 0) {
            throw new InvalidValueException(CODE, describe(field, text, index));
        }
        return text;
    }

    /** {@link #require} for a single-line text. */
    public static String singleLine(String field, String text) {
        return require(field, text, Lines.SINGLE);
    }

    /** {@link #require} for free text where line breaks are allowed. */
    public static String multiLine(String field, String text) {
        return require(field, text, Lines.MULTI);
    }
}

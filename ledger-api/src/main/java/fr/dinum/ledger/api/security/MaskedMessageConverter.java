package fr.dinum.ledger.api.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log message ({@code %maskedMessage} in {@code logback-spring.xml}) with every IBAN-shaped
 * string masked, such as {@code FR76…4140}.
 *
 * <p>Why: restitution accounts travel in commands, errors and third-party messages (Hibernate,
 * Jackson, Axon), and a log line is copied to places the ledger does not control (log shippers,
 * tickets, screenshots). A full account number in them is personal and banking data nobody needs
 * there. Masking at the last step, in the layout, covers every logger, including those we do not
 * write. The country code, the check digits and the last four characters are kept: like
 * {@code Iban.masked()}, enough to tell two accounts apart, not enough to pay into one.
 *
 * <p>It masks by shape, not by validity: a mistyped IBAN is masked too, since it is often one
 * character away from the real account. The exception text printed after a message (stack traces)
 * is not masked by this converter.
 *
 * <p>Logback calls it for every event written, so it stays cheap: one precompiled pattern, and a
 * plain scan that returns the message untouched unless two capitals are followed by two digits
 * somewhere, which is the case for very few lines.
 */
public class MaskedMessageConverter extends MessageConverter {

    /** Between the check digits and the last four characters. */
    static final String ELLIPSIS = "\u2026";

    /*
     * Country (2 capitals) and check digits (2 digits), then 10 to 30 capitals or digits, either
     * written compact or printed in groups of four separated by one space (or no-break space), the
     * last group possibly shorter (a spaced match may reach 32 characters: masking a word too many
     * is safer than printing an account; fewer than 10 is skipped below). The lookarounds keep it from starting or ending inside a longer
     * word (a hash, an identifier), and unlike \b they treat '_' as a separator, so "iban_FR76..."
     * is masked. An EJ (10 digits), a DP (9 digits), a SIREN or a SIRET start with no letter and
     * never match.
     */
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}"
                    + "(?:[A-Z0-9]{10,30}|(?:[ \\u00A0][A-Z0-9]{4}){2,7}(?:[ \\u00A0][A-Z0-9]{1,4})?)"
                    + "(?![A-Za-z0-9])");

    private static final int MIN_BBAN = 10;

    /** Logback instantiates converters by reflection, with this constructor. */
    public MaskedMessageConverter() {
        super();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    /**
     * @param message a formatted message, possibly null
     * @return the message with every IBAN-shaped string masked; the same instance when there is none
     */
    static String mask(String message) {
        if (message == null) {
            return null;
        }
        int from = firstCandidate(message);
        if (from < 0) {
            return message;
        }
        Matcher matcher = IBAN.matcher(message);
        StringBuilder masked = null;
        int copied = 0;
        while (from >= 0 && matcher.find(from)) {
            String found = matcher.group();
            String compact = compact(found);
            if (compact.length() - 4 >= MIN_BBAN) {
                if (masked == null) {
                    masked = new StringBuilder(message.length());
                }
                masked.append(message, copied, matcher.start())
                        .append(compact, 0, 4)
                        .append(ELLIPSIS)
                        .append(compact, compact.length() - 4, compact.length());
                copied = matcher.end();
            }
            from = matcher.end() < message.length() ? matcher.end() : -1;
        }
        if (masked == null) {
            return message;
        }
        return masked.append(message, copied, message.length()).toString();
    }

    /* The index of the first "two capitals, two digits", or -1: most messages stop here. */
    private static int firstCandidate(String message) {
        for (int i = 0, last = message.length() - 4; i <= last; i++) {
            if (isDigit(message.charAt(i + 3)) && isDigit(message.charAt(i + 2))
                    && isCapital(message.charAt(i + 1)) && isCapital(message.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String compact(String iban) {
        StringBuilder compact = new StringBuilder(iban.length());
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt(i);
            if (c != ' ' && c != '\u00A0') {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }
}

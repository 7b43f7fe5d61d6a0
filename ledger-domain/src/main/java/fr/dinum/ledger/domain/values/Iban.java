package fr.dinum.ledger.domain.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An International Bank Account Number (ISO 13616), held in its compact upper-case form.
 *
 * <p>Money from a fonds de concours must reach the right account, so every check that can be done
 * offline is done, each with its own rejection code so that the contributor is told precisely what
 * to correct: the characters, the length for the country, the ISO 7064 mod-97 check digits and,
 * for French and Monegasque accounts, the RIB key inside the BBAN, which the mod-97 check does not
 * cover when the IBAN was computed from a wrong RIB.
 *
 * @param value the compact IBAN, without spaces
 */
public record Iban(String value) {

    /*
     * Two letters of country, two check digits, then up to 30 alphanumerics: the widest shape that
     * ISO 13616 allows, before the length of the country is checked.
     */
    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}");

    /*
     * The lengths of the IBAN registry for the countries we are likely to see; a country not listed
     * is only held to the general bounds, so that a valid foreign IBAN is never refused because the
     * table is incomplete.
     */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("FR", 27), Map.entry("MC", 27), Map.entry("DE", 22), Map.entry("BE", 16),
            Map.entry("ES", 24), Map.entry("IT", 27), Map.entry("LU", 20), Map.entry("NL", 18),
            Map.entry("PT", 25), Map.entry("GB", 22), Map.entry("CH", 21), Map.entry("AT", 20),
            Map.entry("DK", 18), Map.entry("FI", 18), Map.entry("IE", 22), Map.entry("SE", 24),
            Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("GR", 27), Map.entry("CZ", 24),
            Map.entry("SK", 24), Map.entry("HU", 28), Map.entry("RO", 24), Map.entry("BG", 22),
            Map.entry("HR", 21), Map.entry("SI", 19), Map.entry("EE", 20), Map.entry("LV", 21),
            Map.entry("LT", 20), Map.entry("CY", 28), Map.entry("MT", 31), Map.entry("IS", 26),
            Map.entry("LI", 21));

    private static final int MIN_LENGTH = 15;
    private static final int MAX_LENGTH = 34;

    /*
     * A French BBAN: 5-digit bank code, 5-digit branch (guichet) code, 11 alphanumerics of account
     * number and the 2-digit RIB key.
     */
    private static final Pattern FRENCH_BBAN = Pattern.compile("[0-9]{10}[A-Z0-9]{11}[0-9]{2}");

    /**
     * Normalises and validates the IBAN.
     *
     * @throws InvalidValueException with code {@code IBAN_FORMAT_INVALID}, {@code IBAN_LENGTH_INVALID},
     *     {@code IBAN_CHECKSUM_INVALID} or {@code RIB_KEY_INVALID}, naming the first check that failed
     */
    public Iban {
        if (value == null) {
            throw new InvalidValueException("IBAN_FORMAT_INVALID", "The IBAN is missing.");
        }
        // IBANs are printed in groups of four and sometimes typed in lower case; neither matters.
        value = value.replaceAll("[\\s\\u00A0]", "").toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(
                    "IBAN_FORMAT_INVALID",
                    "The IBAN '" + value + "' is not 2 letters, 2 digits and up to 30 letters or digits.");
        }
        String country = value.substring(0, 2);
        Integer expected = LENGTHS.get(country);
        if (expected != null && value.length() != expected) {
            throw new InvalidValueException(
                    "IBAN_LENGTH_INVALID",
                    "The IBAN has " + value.length() + " characters; an IBAN from " + country
                            + " has " + expected + ".");
        }
        if (expected == null && (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH)) {
            throw new InvalidValueException(
                    "IBAN_LENGTH_INVALID",
                    "The IBAN has " + value.length() + " characters; an IBAN has between "
                            + MIN_LENGTH + " and " + MAX_LENGTH + ".");
        }
        if (mod97(value.substring(4) + value.substring(0, 4)) != 1) {
            throw new InvalidValueException(
                    "IBAN_CHECKSUM_INVALID", "The IBAN fails the mod-97 check of its check digits.");
        }
        if (country.equals("FR") || country.equals("MC")) {
            checkRibKey(value.substring(4));
        }
    }

    /**
     * Parses an IBAN, spaced or compact; it is the JSON creator so that the IBAN travels as a plain
     * string.
     *
     * @param value the IBAN
     * @return the IBAN in compact form
     * @throws InvalidValueException if refused
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Iban of(String value) {
        return new Iban(value);
    }

    /** @return the two-letter country code */
    public String countryCode() {
        return value.substring(0, 2);
    }

    /**
     * Returns a form safe for logs, such as {@code FR76…4140}: the country, the check digits and the
     * last four characters, which are enough to tell accounts apart without disclosing them.
     *
     * @return the masked IBAN
     */
    public String masked() {
        return value.substring(0, 4) + "\u2026" + value.substring(value.length() - 4);
    }

    /** @return the compact IBAN, which is also the JSON form */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    /*
     * Computes the ISO 7064 remainder digit by digit, each letter standing for two digits (A=10 to
     * Z=35), so that no big integer is needed.
     */
    private static int mod97(String rearranged) {
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int n = Character.digit(rearranged.charAt(i), 36);
            remainder = (n < 10 ? remainder * 10 : remainder * 100) + n;
            remainder %= 97;
        }
        return remainder;
    }

    private static void checkRibKey(String bban) {
        if (!FRENCH_BBAN.matcher(bban).matches()) {
            throw new InvalidValueException(
                    "IBAN_FORMAT_INVALID",
                    "The French BBAN '" + bban + "' is not a 5-digit bank code, a 5-digit branch code,"
                            + " an 11-character account number and a 2-digit RIB key.");
        }
        long bank = Long.parseLong(bban.substring(0, 5));
        long branch = Long.parseLong(bban.substring(5, 10));
        long account = Long.parseLong(ribDigits(bban.substring(10, 21)));
        int key = Integer.parseInt(bban.substring(21, 23));
        long expected = 97 - ((89 * bank + 15 * branch + 3 * account) % 97);
        if (key != expected) {
            throw new InvalidValueException(
                    "RIB_KEY_INVALID",
                    "The RIB key " + bban.substring(21, 23) + " does not match the bank, branch and"
                            + " account numbers of the IBAN.");
        }
    }

    /*
     * Replaces the letters of a French account number by digits with the RIB table (A,J=1 B,K,S=2
     * ... I,R,Z=9); S starts at 2 because the table skips a slot between R and S.
     */
    private static String ribDigits(String account) {
        StringBuilder digits = new StringBuilder(account.length());
        for (int i = 0; i < account.length(); i++) {
            char c = account.charAt(i);
            if (c >= 'A' && c <= 'I') {
                digits.append((char) ('1' + (c - 'A')));
            } else if (c >= 'J' && c <= 'R') {
                digits.append((char) ('1' + (c - 'J')));
            } else if (c >= 'S' && c <= 'Z') {
                digits.append((char) ('2' + (c - 'S')));
            } else {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}

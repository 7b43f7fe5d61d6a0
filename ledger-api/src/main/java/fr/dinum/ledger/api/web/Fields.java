package fr.dinum.ledger.api.web;

import fr.dinum.ledger.domain.values.BusinessDate;
import fr.dinum.ledger.domain.values.InvalidValueException;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.domain.values.SafeText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the raw fields of a request into domain values, collecting every failure instead of
 * stopping at the first, so that a client fixes its request in one round trip. Each value type
 * validates itself (an IBAN its mod-97, a SIRET its Luhn key); this class only names the field.
 */
public final class Fields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_TEXT = 1000;

    private final List<FieldError> errors = new ArrayList<>();

    public List<FieldError> errors() {
        return errors;
    }

    /** Throws {@link InvalidRequest} if any field failed. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    public void reject(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    /** A required single-line text: a name, a title, a reference. */
    public String text(String field, String value) {
        return text(field, value, SafeText.Lines.SINGLE);
    }

    /** A required free text written as sentences, where line breaks are allowed: a reason, a summary. */
    public String freeText(String field, String value) {
        return text(field, value, SafeText.Lines.MULTI);
    }

    private String text(String field, String value, SafeText.Lines lines) {
        if (value == null || value.isBlank()) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        return optionalText(field, value, lines);
    }

    /** An optional single-line text. */
    public String optionalText(String field, String value) {
        return optionalText(field, value, SafeText.Lines.SINGLE);
    }

    private String optionalText(String field, String value, SafeText.Lines lines) {
        if (value != null && value.length() > MAX_TEXT) {
            reject(field, "TEXT_TOO_LONG", field + " is longer than " + MAX_TEXT + " characters");
            return null;
        }
        // The raw value is checked, before stripping: a control character is refused even at the end.
        if (!safe(field, value, lines)) {
            return null;
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Reports a refused character (see {@link SafeText}) and says whether the text is safe. */
    public boolean safe(String field, String value, SafeText.Lines lines) {
        int unsafe = SafeText.firstUnsafe(value, lines);
        if (unsafe >= 0) {
            reject(field, SafeText.CODE, SafeText.describe(field, value, unsafe));
            return false;
        }
        return true;
    }

    /** A client-chosen identifier: letters, digits, '.', '_' and '-', 1 to 100 characters. */
    public String identifier(String field, String value) {
        if (value == null || value.isBlank()) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        if (!safe(field, value, SafeText.Lines.SINGLE)) {
            return null;
        }
        if (!IDENTIFIER.matcher(value).matches()) {
            reject(field, "IDENTIFIER_INVALID", field + " must be 1 to 100 letters, digits, '.', '_' or '-'");
            return null;
        }
        return value;
    }

    /** An amount greater than zero. */
    public Montant positiveAmount(String field, String value) {
        Montant amount = amount(field, value);
        if (amount != null && !amount.isPositive()) {
            reject(field, "AMOUNT_NOT_POSITIVE", field + " must be greater than zero");
            return null;
        }
        return amount;
    }

    /** An amount of zero or more. */
    public Montant nonNegativeAmount(String field, String value) {
        Montant amount = amount(field, value);
        if (amount != null && amount.isNegative()) {
            reject(field, "AMOUNT_NEGATIVE", field + " must not be negative");
            return null;
        }
        return amount;
    }

    public Montant optionalPositiveAmount(String field, String value) {
        return value == null ? null : positiveAmount(field, value);
    }

    private Montant amount(String field, String value) {
        if (value == null) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        return parse(field, value, Montant::of);
    }

    public LocalDate date(String field, String value) {
        if (value == null) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        return optionalDate(field, value);
    }

    public LocalDate optionalDate(String field, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            reject(field, "DATE_INVALID", field + " must be a date YYYY-MM-DD, got '" + value + "'");
            return null;
        }
        if (!BusinessDate.inRange(date)) {
            reject(field, BusinessDate.CODE, BusinessDate.describe(field, date));
            return null;
        }
        return date;
    }

    public <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        return optionalEnum(field, value, type);
    }

    public <E extends Enum<E>> E optionalEnum(String field, String value, Class<E> type) {
        if (value == null || !safe(field, value, SafeText.Lines.SINGLE)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            reject(field, "VALUE_NOT_ALLOWED", field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public <T> T required(String field, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return null;
        }
        return safe(field, value, SafeText.Lines.SINGLE) ? parse(field, value, parser) : null;
    }

    public <T> T optional(String field, String value, Function<String, T> parser) {
        return value == null || value.isBlank() || !safe(field, value, SafeText.Lines.SINGLE) ? null
                : parse(field, value, parser);
    }

    private <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidValueException e) {
            reject(field, e.code(), e.getMessage());
            return null;
        }
    }

    /** A required nested object: reports it missing and tells the caller whether to go on into it. */
    public boolean present(String field, Object value) {
        if (value == null) {
            reject(field, "FIELD_REQUIRED", field + " is required");
            return false;
        }
        return true;
    }
}

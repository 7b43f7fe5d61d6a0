package fr.dinum.ledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.api.console.CommandForms.Field;
import fr.dinum.ledger.api.console.CommandForms.Form;
import fr.dinum.ledger.projections.reports.render.FrenchFormat;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a person typed in a form into the API's request body. Only the writing is adapted to
 * French habits, nothing is decided here: an amount may be typed {@code 1 600 000,00} (it becomes
 * {@code 1600000.00}) and a date {@code 31/12/2020} (it becomes {@code 2020-12-31}); anything that
 * does not read as such is passed on as typed, for the API's validation to refuse with its code.
 * Blank fields are left out, so that a required one is reported missing; a row of tranches or of
 * co-financing left blank is no row.
 */
final class FormInput {

    private static final Pattern INDEXED = Pattern.compile("([A-Za-z]+)\\[(\\d+)]");
    private static final Pattern FRENCH_AMOUNT = Pattern.compile("-?[0-9]+(,[0-9]+)?");
    private static final Pattern PLAIN_AMOUNT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** The body, the errors found while reading it (an integer that is none), and renamed paths. */
    record Result(ObjectNode body, Map<String, String> errors, Map<String, String> formPathOfBodyPath) {
    }

    private FormInput() {
    }

    static Result read(Form form, Map<String, String> values) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        Map<String, String> errors = new LinkedHashMap<>();
        // Rows are gathered by list and index first, so that blank rows can be dropped.
        Map<String, TreeMap<Integer, ObjectNode>> rows = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Boolean>> rowHasContent = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            String raw = values.get(field.name());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = raw.strip();
            JsonNode node = switch (field.type()) {
                case "amount" -> nodes.textNode(amount(value));
                case "date" -> nodes.textNode(date(value));
                case "integer", "integer-select" -> {
                    try {
                        yield nodes.numberNode(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        errors.put(field.name(), FrenchMessages.field("INTEGER_INVALID", "Nombre entier attendu."));
                        yield null;
                    }
                }
                case "checkbox" -> nodes.booleanNode(true);
                default -> nodes.textNode(value);
            };
            if (node == null) {
                continue;
            }
            Matcher indexed = INDEXED.matcher(field.name());
            if (indexed.lookingAt()) {
                String list = indexed.group(1);
                int index = Integer.parseInt(indexed.group(2));
                ObjectNode row = rows.computeIfAbsent(list, k -> new TreeMap<>()).computeIfAbsent(index, k -> nodes.objectNode());
                String rest = field.name().substring(indexed.end() + 1);
                put(row, rest, node);
                // A row's number alone (pre-filled in the form) does not make a row.
                if (!"number".equals(rest)) {
                    rowHasContent.computeIfAbsent(list, k -> new TreeMap<>()).put(index, true);
                }
            } else {
                put(body, field.name(), node);
            }
        }
        Map<String, String> renames = new LinkedHashMap<>();
        rows.forEach((list, byIndex) -> {
            ArrayNode array = nodes.arrayNode();
            byIndex.forEach((index, row) -> {
                if (rowHasContent.getOrDefault(list, new TreeMap<>()).getOrDefault(index, false)) {
                    renames.put(list + "[" + array.size() + "]", list + "[" + index + "]");
                    array.add(row);
                }
            });
            if (!array.isEmpty()) {
                body.set(list, array);
            }
        });
        return new Result(body, errors, renames);
    }

    /** The form's name of a field the API reported under its body path. */
    static String formPath(Result result, String bodyPath) {
        for (Map.Entry<String, String> rename : result.formPathOfBodyPath().entrySet()) {
            if (bodyPath.startsWith(rename.getKey() + ".") || bodyPath.equals(rename.getKey())) {
                return rename.getValue() + bodyPath.substring(rename.getKey().length());
            }
        }
        return bodyPath;
    }

    private static void put(ObjectNode target, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    /** {@code 1 600 000,00 €} or {@code 1600000.00} as the API's {@code 1600000.00}; anything else as typed. */
    static String amount(String typed) {
        String compact = typed.replace("€", "").replace('\u00A0', ' ').replace('\u202F', ' ').replace(" ", "");
        if (FRENCH_AMOUNT.matcher(compact).matches()) {
            return compact.replace(',', '.');
        }
        if (PLAIN_AMOUNT.matcher(compact).matches()) {
            return compact;
        }
        return typed;
    }

    /** {@code 31/12/2020} as {@code 2020-12-31}; anything else (an ISO date included) as typed. */
    static String date(String typed) {
        try {
            return FrenchFormat.parseDate(typed).toString();
        } catch (DateTimeParseException e) {
            return typed;
        }
    }

}

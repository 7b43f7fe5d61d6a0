package fr.dinum.ledger.domain.convention;

import java.util.List;

/**
 * A command whose identifier was already recorded with different fields. Recording it would either
 * count the same fact twice or silently drop a correction, so it is refused (HTTP 409) with the
 * names of the fields that differ.
 */
public class IdentifierConflict extends RuntimeException {

    public static final String CODE = "IDENTIFIER_REUSED";

    private final String identifier;
    private final List<String> differingFields;

    public IdentifierConflict(String identifier, List<String> differingFields) {
        super("Identifier " + identifier + " was already recorded with different " + String.join(", ", differingFields));
        this.identifier = identifier;
        this.differingFields = List.copyOf(differingFields);
    }

    public String identifier() {
        return identifier;
    }

    public List<String> differingFields() {
        return differingFields;
    }
}

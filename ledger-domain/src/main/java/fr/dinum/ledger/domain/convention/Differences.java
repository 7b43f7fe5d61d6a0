package fr.dinum.ledger.domain.convention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares a repeated command with what was recorded under the same identifier, field by field,
 * so that an exact retry is answered "already recorded" and a different reuse names its fields.
 */
final class Differences {

    private final String identifier;
    private final List<String> fields = new ArrayList<>();

    private Differences(String identifier) {
        this.identifier = identifier;
    }

    static Differences of(String identifier) {
        return new Differences(identifier);
    }

    Differences compare(String field, Object recorded, Object requested) {
        if (!Objects.equals(recorded, requested)) {
            fields.add(field);
        }
        return this;
    }

    /** An optional field left out of a retry matches whatever was recorded (e.g. a defaulted tranche). */
    Differences compareIfGiven(String field, Object recorded, Object requested) {
        return requested == null ? this : compare(field, recorded, requested);
    }

    /** Throws when any field differs; returns normally for an exact retry. */
    void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new IdentifierConflict(identifier, fields);
        }
    }
}

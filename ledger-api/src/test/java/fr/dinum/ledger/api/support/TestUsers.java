package fr.dinum.ledger.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP Basic users every test application has: one per role, and one with every role. */
public final class TestUsers {

    public static final String PASSWORD = "test-password";
    public static final String ALL_ROLES = "all-roles";
    public static final String[] ROLES = {"READER", "WRITER", "ORDONNATEUR", "COMPTABLE", "ADMIN", "SCRAPER"};

    private TestUsers() {
    }

    /** Spring properties declaring the users: {@code reader} has READER, ..., {@code all-roles} has all. */
    public static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String role : ROLES) {
            String user = role.toLowerCase();
            properties.put("ledger.security.users." + user + ".password", "{noop}" + PASSWORD);
            properties.put("ledger.security.users." + user + ".roles", role);
        }
        properties.put("ledger.security.users." + ALL_ROLES + ".password", "{noop}" + PASSWORD);
        properties.put("ledger.security.users." + ALL_ROLES + ".roles", String.join(",", ROLES));
        return properties;
    }
}

package fr.dinum.ledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The five seed conventions, as SignConvention request bodies (their "notes" removed). */
public final class SeedConventions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedConventions() {
    }

    public static Map<String, String> bodies() {
        try (InputStream in = SeedConventions.class.getResourceAsStream("/seed/seed-conventions.json")) {
            JsonNode root = JSON.readTree(in);
            Map<String, String> bodies = new LinkedHashMap<>();
            for (JsonNode convention : root.get("conventions")) {
                ObjectNode body = convention.deepCopy();
                body.remove("notes");
                bodies.put(body.get("conventionId").asText(), JSON.writeValueAsString(body));
            }
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String body(String conventionId) {
        return bodies().get(conventionId);
    }
}

package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.api.axon.AxonConfiguration;
import fr.dinum.ledger.domain.convention.CommandOutcome;
import fr.dinum.ledger.domain.convention.ConventionCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo data: the five seed conventions with a plausible history, loaded at start when
 * {@code ledger.demo.enabled=true}. Each step is a request body of the API, validated and turned
 * into a command by the same code as an HTTP request, so the demo goes through every rule. The
 * steps carry their own identifiers: a second start records nothing twice.
 */
@Component
@ConditionalOnProperty(name = "ledger.demo.enabled", havingValue = "true")
public class DemoHistory implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request of the demo history: the HTTP path it is sent to and its body. */
    public record Step(String conventionId, String command, String path, JsonNode body) {
    }

    private final CommandGateway gateway;
    private final ObjectMapper requests;

    DemoHistory(CommandGateway gateway, ObjectMapper requests) {
        this.gateway = gateway;
        this.requests = requests;
    }

    /** The steps of {@code seed/demo-history.json}, with the signature bodies of {@code seed/seed-conventions.json}. */
    public static List<Step> steps() {
        JsonNode seeds = read("/seed/seed-conventions.json");
        Map<String, JsonNode> signatures = new HashMap<>();
        for (JsonNode convention : seeds.get("conventions")) {
            ObjectNode body = convention.deepCopy();
            body.remove("notes");
            signatures.put(body.get("conventionId").asText(), body);
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : read("/seed/demo-history.json").get("steps")) {
            String id = step.get("convention").asText();
            String command = step.get("command").asText();
            String base = "/api/conventions/" + id;
            switch (command) {
                case "sign" -> steps.add(new Step(id, command, "/api/conventions", signatures.get(id)));
                case "releases" -> {
                    ObjectNode body = step.get("body").deepCopy();
                    String ej = body.remove("ejNumber").asText();
                    steps.add(new Step(id, command, base + "/commitments/" + ej + "/releases", body));
                }
                default -> steps.add(new Step(id, command, base + "/" + command, step.get("body")));
            }
        }
        return steps;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        int recorded = 0;
        List<Step> steps = steps();
        for (int i = 0; i < steps.size(); i++) {
            ConventionCommand command = command(steps.get(i));
            MetaData metaData = MetaData.with(AxonConfiguration.RECORDED_BY, "demo-data")
                    .and(AxonConfiguration.CORRELATION_ID, "demo-history-" + (i + 1));
            CommandOutcome outcome = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            recorded += outcome.recorded() ? 1 : 0;
        }
        LOG.info("Demo data: {} of {} commands recorded, the others were already there", recorded, steps.size());
    }

    private ConventionCommand command(Step step) {
        return CommandBodies.command(step.conventionId(), step.command(),
                "releases".equals(step.command()) ? ejNumber(step) : null, step.body(), requests);
    }

    private static String ejNumber(Step step) {
        String[] parts = step.path().split("/");
        return parts[parts.length - 2];
    }

    private static JsonNode read(String resource) {
        try (InputStream in = DemoHistory.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}

package fr.dinum.ledger.api.convention;

import fr.dinum.ledger.api.axon.AxonConfiguration;
import fr.dinum.ledger.api.operations.Projections;
import fr.dinum.ledger.api.web.CorrelationIdFilter;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.CommandOutcome;
import fr.dinum.ledger.domain.convention.ConventionCommand;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

/**
 * Sends a command to the Convention aggregate with its audit metadata (who, which correlation id)
 * and turns the outcome into the API's answer: 201 with a Location when something was recorded,
 * 200 with the same body for an exact retry. The body is the convention's balance as the aggregate
 * holds it right after the command, so a client never reads a stale projection after a write.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final Projections projections;

    CommandSender(CommandGateway gateway, Projections projections) {
        this.gateway = gateway;
        this.projections = projections;
    }

    ResponseEntity<Balance> send(ConventionCommand command, HttpServletRequest request, String location) {
        CommandOutcome outcome = dispatch(command, request);
        return ResponseEntity.status(status(outcome)).location(location(request, location))
                .header(Projections.POSITION_HEADER, Long.toString(position(command)))
                .body(outcome.balance());
    }

    /** Sends the command with the request's audit metadata and returns what the aggregate answered. */
    public CommandOutcome dispatch(ConventionCommand command, HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        String recordedBy = principal == null ? "anonymous" : principal.getName();
        Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        MetaData metaData = MetaData.from(Map.of(
                AxonConfiguration.RECORDED_BY, recordedBy,
                AxonConfiguration.CORRELATION_ID, correlationId == null ? "" : correlationId.toString()));
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /**
     * The position a client names in its next read to see this command's effect: the global index
     * of its convention's newest event, read once the command is committed. It is that of the
     * command's own last event, or of a later one on the same convention, which is as good for
     * the client; for an exact retry that records nothing, that of what the first attempt recorded.
     */
    public long position(ConventionCommand command) {
        return projections.lastPositionOf(command.conventionId());
    }

    public static HttpStatus status(CommandOutcome outcome) {
        return outcome.recorded() ? HttpStatus.CREATED : HttpStatus.OK;
    }

    public static URI location(HttpServletRequest request, String path) {
        return ServletUriComponentsBuilder.fromContextPath(request).path(path).build().toUri();
    }
}

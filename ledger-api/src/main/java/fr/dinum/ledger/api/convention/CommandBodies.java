package fr.dinum.ledger.api.convention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.convention.Requests.AmendConventionRequest;
import fr.dinum.ledger.api.convention.Requests.CallForFundsRequest;
import fr.dinum.ledger.api.convention.Requests.CloseConventionRequest;
import fr.dinum.ledger.api.convention.Requests.CommitAeRequest;
import fr.dinum.ledger.api.convention.Requests.OpenCreditsRequest;
import fr.dinum.ledger.api.convention.Requests.PayCpRequest;
import fr.dinum.ledger.api.convention.Requests.ReceivePaymentRequest;
import fr.dinum.ledger.api.convention.Requests.ReleaseAeRequest;
import fr.dinum.ledger.api.convention.Requests.RestituteFundsRequest;
import fr.dinum.ledger.api.convention.Requests.SignConventionRequest;
import fr.dinum.ledger.api.convention.Requests.TerminateConventionRequest;
import fr.dinum.ledger.domain.convention.ConventionCommand;

/**
 * Turns a request body of the API, named by the last segment of its path ({@code receipts},
 * {@code payments}...), into the domain's command, through the same request records and
 * {@link CommandMapper} as the HTTP endpoints. The demo history and the web console's forms use it,
 * so that a command keyed in a form is validated exactly as the same body sent to the API.
 */
public final class CommandBodies {

    private CommandBodies() {
    }

    /**
     * @param conventionId the convention (ignored for {@code sign}, whose body names it)
     * @param command      the path segment of the API's endpoint: sign, receipts, credit-openings,
     *                     commitments, releases, payments, fund-calls, amendments, termination,
     *                     closure or restitutions
     * @param ejNumber     the EJ of a release (in the API's path), null for the other commands
     * @param body         the body, as the API reads it
     * @param json         the application's mapper, with the API's strictness
     * @throws fr.dinum.ledger.api.web.InvalidRequest when a field is invalid, listing every field
     * @throws IllegalArgumentException for an unknown command or a body of the wrong shape
     */
    public static ConventionCommand command(String conventionId, String command, String ejNumber, JsonNode body,
                                            ObjectMapper json) {
        try {
            return switch (command) {
                case "sign" -> CommandMapper.sign(json.treeToValue(body, SignConventionRequest.class));
                case "receipts" -> CommandMapper.receive(conventionId, json.treeToValue(body, ReceivePaymentRequest.class));
                case "credit-openings" -> CommandMapper.open(conventionId, json.treeToValue(body, OpenCreditsRequest.class));
                case "commitments" -> CommandMapper.commit(conventionId, json.treeToValue(body, CommitAeRequest.class));
                case "releases" -> CommandMapper.release(conventionId, ejNumber, json.treeToValue(body, ReleaseAeRequest.class));
                case "payments" -> CommandMapper.pay(conventionId, json.treeToValue(body, PayCpRequest.class));
                case "fund-calls" -> CommandMapper.callForFunds(conventionId, json.treeToValue(body, CallForFundsRequest.class));
                case "amendments" -> CommandMapper.amend(conventionId, json.treeToValue(body, AmendConventionRequest.class));
                case "termination" -> CommandMapper.terminate(conventionId, json.treeToValue(body, TerminateConventionRequest.class));
                case "closure" -> CommandMapper.close(conventionId, json.treeToValue(body, CloseConventionRequest.class));
                case "restitutions" -> CommandMapper.restitute(conventionId, json.treeToValue(body, RestituteFundsRequest.class));
                default -> throw new IllegalArgumentException("Unknown command " + command);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A body of the wrong shape for " + command + ": " + e.getOriginalMessage(), e);
        }
    }
}

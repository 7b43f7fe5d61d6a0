package fr.dinum.ledger.api.convention;

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
import fr.dinum.ledger.domain.convention.Balance;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The commands of API.md. Each answers the convention's balance right after it. */
@RestController
@RequestMapping("/api/conventions")
@Tag(name = "Commands", description = "Record the facts of a convention's life")
class ConventionCommandController {

    private final CommandSender sender;

    ConventionCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    @Operation(summary = "SignConvention: record a signed convention with its terms and payment schedule")
    ResponseEntity<Balance> sign(@RequestBody SignConventionRequest body, HttpServletRequest request) {
        var command = CommandMapper.sign(body);
        return sender.send(command, request, "/api/conventions/" + command.conventionId());
    }

    @PostMapping("/{id}/receipts")
    @Operation(summary = "ReceivePayment: money received from the contributor on a payable tranche")
    ResponseEntity<Balance> receive(@PathVariable String id, @RequestBody ReceivePaymentRequest body,
                                    HttpServletRequest request) {
        var command = CommandMapper.receive(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/history");
    }

    @PostMapping("/{id}/credit-openings")
    @Operation(summary = "OpenCredits: AE and CP opened on the programme by an arrêté")
    ResponseEntity<Balance> open(@PathVariable String id, @RequestBody OpenCreditsRequest body,
                                 HttpServletRequest request) {
        var command = CommandMapper.open(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/balance");
    }

    @PostMapping("/{id}/commitments")
    @Operation(summary = "CommitAE: an engagement juridique consuming AE")
    ResponseEntity<Balance> commit(@PathVariable String id, @RequestBody CommitAeRequest body,
                                   HttpServletRequest request) {
        var command = CommandMapper.commit(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/commitments");
    }

    @PostMapping("/{id}/commitments/{ejNumber}/releases")
    @Operation(summary = "ReleaseAE: release the unpaid part of an EJ")
    ResponseEntity<Balance> release(@PathVariable String id, @PathVariable String ejNumber,
                                    @RequestBody ReleaseAeRequest body, HttpServletRequest request) {
        var command = CommandMapper.release(id, ejNumber, body);
        return sender.send(command, request, "/api/conventions/" + id + "/commitments");
    }

    @PostMapping("/{id}/payments")
    @Operation(summary = "PayCP: a demande de paiement on an EJ, after service fait")
    ResponseEntity<Balance> pay(@PathVariable String id, @RequestBody PayCpRequest body, HttpServletRequest request) {
        var command = CommandMapper.pay(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/commitments");
    }

    @PostMapping("/{id}/closure")
    @Operation(summary = "CloseConvention: fix the final figures once no restes à payer remain")
    ResponseEntity<Balance> close(@PathVariable String id, @RequestBody CloseConventionRequest body,
                                  HttpServletRequest request) {
        var command = CommandMapper.close(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/balance");
    }

    @PostMapping("/{id}/restitutions")
    @Operation(summary = "RestituteFunds: return unused money to the contributor's account")
    ResponseEntity<Balance> restitute(@PathVariable String id, @RequestBody RestituteFundsRequest body,
                                      HttpServletRequest request) {
        var command = CommandMapper.restitute(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/balance");
    }

    @PostMapping("/{id}/fund-calls")
    @Operation(summary = "CallForFunds: an appel de fonds on a tranche whose threshold is reached, or on the closing tranche")
    ResponseEntity<Balance> callForFunds(@PathVariable String id, @RequestBody CallForFundsRequest body,
                                         HttpServletRequest request) {
        var command = CommandMapper.callForFunds(id, body);
        return sender.send(command, request, "/api/conventions/" + id);
    }

    @PostMapping("/{id}/amendments")
    @Operation(summary = "AmendConvention: an avenant changing the amount, the end date or the tranches")
    ResponseEntity<Balance> amend(@PathVariable String id, @RequestBody AmendConventionRequest body,
                                  HttpServletRequest request) {
        var command = CommandMapper.amend(id, body);
        return sender.send(command, request, "/api/conventions/" + id);
    }

    @PostMapping("/{id}/termination")
    @Operation(summary = "TerminateConvention: a résiliation; payments on existing EJs go on, no new commitment")
    ResponseEntity<Balance> terminate(@PathVariable String id, @RequestBody TerminateConventionRequest body,
                                      HttpServletRequest request) {
        var command = CommandMapper.terminate(id, body);
        return sender.send(command, request, "/api/conventions/" + id + "/balance");
    }
}

package fr.dinum.ledger.api.report;

import fr.dinum.ledger.api.convention.CommandSender;
import fr.dinum.ledger.api.operations.Projections;
import fr.dinum.ledger.api.web.Fields;
import fr.dinum.ledger.api.web.Forbidden;
import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.domain.convention.CommandOutcome;
import fr.dinum.ledger.domain.convention.ConventionCommand.IssueErda;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignErda;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.projections.reports.CompteRendu;
import fr.dinum.ledger.projections.reports.ErdaDocument;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import fr.dinum.ledger.projections.reports.ErdaQueries.IssuedErda;
import fr.dinum.ledger.projections.reports.ReportQueries;
import fr.dinum.ledger.projections.reports.render.CompteRenduRenderer;
import fr.dinum.ledger.projections.reports.render.ErdaRenderer;
import fr.dinum.ledger.projections.reports.render.ReportFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * ERDAs and comptes-rendus de gestion, in JSON for programs and in CSV, PDF, XLSX and ODS for
 * finance staff, chosen by {@code format=} or by the Accept header.
 */
@RestController
@RequestMapping("/api/conventions/{id}")
@Tag(name = "Reports", description = "ERDA (état récapitulatif des dépenses acceptées) and compte-rendu de gestion")
class ReportController {

    private final ReportQueries reports;
    private final ErdaQueries erdas;
    private final CommandSender sender;
    private final Projections projections;
    private final ErdaRenderer erdaRenderer = new ErdaRenderer();
    private final CompteRenduRenderer compteRenduRenderer = new CompteRenduRenderer();
    private final Clock clock;

    ReportController(ReportQueries reports, ErdaQueries erdas, CommandSender sender, Projections projections,
                     Clock clock) {
        this.reports = reports;
        this.erdas = erdas;
        this.sender = sender;
        this.projections = projections;
        this.clock = clock;
    }

    /**
     * {@code final} is a Java keyword, hence the explicit JSON name. {@code issuedOn}, the business
     * date of issue, is optional: today when absent.
     */
    record IssueErdaRequest(String asOf, @JsonProperty("final") Boolean finalErda, String issuedOn) {
    }

    record SignErdaRequest(String role, String signer, String signedOn) {
    }

    @GetMapping("/erda")
    @Operation(summary = "The live ERDA at a business date (today when absent), in json, csv, pdf, xlsx or ods")
    ResponseEntity<ErdaDocument> liveErda(@PathVariable String id,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                               @RequestParam(required = false) String format,
                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                               HttpServletResponse response) throws IOException {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        ErdaDocument erda = erdas.liveErda(id, date).orElseThrow(() -> unknownConvention(id));
        return erda(erda, format(format, accept), id + "-erda-" + date, response);
    }

    @GetMapping("/erdas")
    @Operation(summary = "The issued ERDAs of a convention, with their hashes and signatures")
    List<IssuedErda> issued(@PathVariable String id) {
        requireConvention(id);
        return erdas.issuedErdas(id);
    }

    @GetMapping("/erdas/{number}")
    @Operation(summary = "An issued (frozen) ERDA and its signatures; it reads the same forever")
    ResponseEntity<ErdaDocument> issuedErda(@PathVariable String id, @PathVariable int number,
                                 @RequestParam(required = false) String format,
                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                 HttpServletResponse response) throws IOException {
        requireConvention(id);
        ErdaDocument erda = erdas.issuedErda(id, number).orElseThrow(() -> unknownErda(id, number));
        return erda(erda, format(format, accept), id + "-erda-" + number, response);
    }

    @PostMapping("/erdas")
    @Operation(summary = "IssueErda: freeze the ERDA of a date under the next number, with its SHA-256; issuedOn (optional, today when absent) is its business date of issue")
    ResponseEntity<ErdaDocument> issue(@PathVariable String id, @RequestBody IssueErdaRequest body,
                                       HttpServletRequest request) {
        Fields f = new Fields();
        LocalDate asOf = f.date("asOf", body.asOf());
        LocalDate issuedOn = f.optionalDate("issuedOn", body.issuedOn());
        f.throwIfInvalid();
        CommandOutcome outcome = sender.dispatch(
                new IssueErda(id, asOf, Boolean.TRUE.equals(body.finalErda()), issuedOn), request);
        return answer(id, outcome, request);
    }

    @PostMapping("/erdas/{number}/signatures")
    @Operation(summary = "SignErda: the ordonnateur or the comptable assignataire signs an issued ERDA")
    ResponseEntity<ErdaDocument> sign(@PathVariable String id, @PathVariable int number,
                                      @RequestBody SignErdaRequest body, HttpServletRequest request) {
        Fields f = new Fields();
        ErdaRole role = f.enumValue("role", body.role(), ErdaRole.class);
        String signer = f.text("signer", body.signer());
        LocalDate signedOn = f.date("signedOn", body.signedOn());
        f.throwIfInvalid();
        // Each signs only its own side: an ordonnateur cannot sign for the comptable, nor the reverse.
        if (!request.isUserInRole(role.name())) {
            throw new Forbidden("ROLE_MISMATCH", "Signing as " + role + " needs the role " + role + ".");
        }
        CommandOutcome outcome = sender.dispatch(new SignErda(id, number, role, signer, signedOn), request);
        return answer(id, outcome, request);
    }

    @GetMapping("/compte-rendu")
    @Operation(summary = "The compte-rendu de gestion for the term, or for one exercice, in json, csv, pdf, xlsx or ods")
    ResponseEntity<CompteRendu> compteRendu(@PathVariable String id, @RequestParam(required = false) Integer exercice,
                                  @RequestParam(required = false) String format,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                  HttpServletResponse response) throws IOException {
        CompteRendu report = reports.compteRendu(id, exercice, LocalDate.now(clock))
                .orElseThrow(() -> unknownConvention(id));
        ReportFormat chosen = format(format, accept);
        if (chosen == ReportFormat.JSON) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        startFile(response, chosen, id + "-compte-rendu-" + (exercice == null ? "terme" : exercice));
        compteRenduRenderer.write(report, chosen, response.getOutputStream());
        return null;
    }

    /** The issued ERDA the command concerned, read once the projections hold it. */
    private ResponseEntity<ErdaDocument> answer(String id, CommandOutcome outcome, HttpServletRequest request) {
        projections.awaitCaughtUp(Duration.ofSeconds(5));
        ErdaDocument erda = erdas.issuedErda(id, outcome.erdaNumber())
                .orElseThrow(() -> unknownErda(id, outcome.erdaNumber()));
        return ResponseEntity.status(CommandSender.status(outcome))
                .location(CommandSender.location(request, "/api/conventions/" + id + "/erdas/" + erda.number()))
                .body(erda);
    }

    /**
     * JSON goes through the message converters; a file is rendered straight into the response, in
     * the request's thread (no copy of the document in memory, no async dispatch to secure again),
     * and the method then answers null so that Spring writes nothing more.
     */
    private ResponseEntity<ErdaDocument> erda(ErdaDocument erda, ReportFormat format, String fileName,
                                              HttpServletResponse response) throws IOException {
        if (format == ReportFormat.JSON) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(erda);
        }
        startFile(response, format, fileName);
        erdaRenderer.write(erda, format, response.getOutputStream());
        return null;
    }

    private static void startFile(HttpServletResponse response, ReportFormat format, String name) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(name + "." + format.extension(), StandardCharsets.UTF_8).build().toString());
    }

    /** {@code format=} wins over the Accept header; JSON when neither names a report format. */
    private static ReportFormat format(String parameter, String accept) {
        if (parameter != null) {
            return ReportFormat.fromParameter(parameter).orElseThrow(() -> {
                Fields f = new Fields();
                f.reject("format", "VALUE_NOT_ALLOWED", "format is one of json, csv, pdf, xlsx, ods");
                return new fr.dinum.ledger.api.web.InvalidRequest(f.errors());
            });
        }
        return accept == null ? ReportFormat.JSON : ReportFormat.fromAccept(accept).orElse(ReportFormat.JSON);
    }

    private void requireConvention(String id) {
        if (!erdas.conventionExists(id)) {
            throw unknownConvention(id);
        }
    }

    private static NotFound unknownConvention(String id) {
        return new NotFound("CONVENTION_NOT_FOUND", "No convention " + id + " is recorded.");
    }

    private static NotFound unknownErda(String id, Integer number) {
        return new NotFound("ERDA_NOT_FOUND", "Convention " + id + " has no issued ERDA " + number + ".");
    }
}

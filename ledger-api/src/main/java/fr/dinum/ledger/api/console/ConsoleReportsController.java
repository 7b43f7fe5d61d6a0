package fr.dinum.ledger.api.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import fr.dinum.ledger.projections.reports.ReportQueries;
import fr.dinum.ledger.projections.reports.render.CompteRenduRenderer;
import fr.dinum.ledger.projections.reports.render.ErdaRenderer;
import fr.dinum.ledger.projections.reports.render.ReportFormat;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The reports as files, for a person signed in to the console (the API's report endpoints are
 * stateless and do not read the console's session). Same queries and renderers as the API.
 */
@Controller
class ConsoleReportsController {

    private final ReportQueries reports;
    private final ErdaQueries erdas;
    private final ObjectMapper json;
    private final Clock clock;
    private final ErdaRenderer erdaRenderer = new ErdaRenderer();
    private final CompteRenduRenderer compteRenduRenderer = new CompteRenduRenderer();

    ConsoleReportsController(ReportQueries reports, ErdaQueries erdas, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.erdas = erdas;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/conventions/{id}/downloads/erda")
    void liveErda(@PathVariable String id, @RequestParam(required = false) String asOf,
                  @RequestParam(defaultValue = "pdf") String format, HttpServletResponse response) throws IOException {
        LocalDate date = date(asOf);
        var erda = erdas.liveErda(id, date).orElseThrow(() -> ConsoleController.unknown(id));
        ReportFormat chosen = format(format);
        start(response, chosen, id + "-erda-" + date);
        if (chosen == ReportFormat.JSON) {
            json.writeValue(response.getOutputStream(), erda);
        } else {
            erdaRenderer.write(erda, chosen, response.getOutputStream());
        }
    }

    @GetMapping("/console/conventions/{id}/downloads/erdas/{number}")
    void issuedErda(@PathVariable String id, @PathVariable int number, @RequestParam(defaultValue = "pdf") String format,
                    HttpServletResponse response) throws IOException {
        var erda = erdas.issuedErda(id, number).orElseThrow(() -> new NotFound("ERDA_NOT_FOUND",
                "La convention " + id + " n'a pas d'ERDA n° " + number + "."));
        ReportFormat chosen = format(format);
        start(response, chosen, id + "-erda-" + number);
        if (chosen == ReportFormat.JSON) {
            json.writeValue(response.getOutputStream(), erda);
        } else {
            erdaRenderer.write(erda, chosen, response.getOutputStream());
        }
    }

    @GetMapping("/console/conventions/{id}/downloads/compte-rendu")
    void compteRendu(@PathVariable String id, @RequestParam(required = false) Integer exercice,
                     @RequestParam(defaultValue = "pdf") String format, HttpServletResponse response) throws IOException {
        var report = reports.compteRendu(id, exercice, LocalDate.now(clock))
                .orElseThrow(() -> ConsoleController.unknown(id));
        ReportFormat chosen = format(format);
        start(response, chosen, id + "-compte-rendu-" + (exercice == null ? "terme" : exercice));
        if (chosen == ReportFormat.JSON) {
            json.writeValue(response.getOutputStream(), report);
        } else {
            compteRenduRenderer.write(report, chosen, response.getOutputStream());
        }
    }

    private LocalDate date(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(FormInput.date(asOf.strip()));
        } catch (DateTimeParseException e) {
            throw new NotFound("DATE_INVALID", "La date " + asOf + " n'est pas une date JJ/MM/AAAA.");
        }
    }

    private static ReportFormat format(String format) {
        return ReportFormat.fromParameter(format).orElseThrow(() -> new NotFound("FORMAT_NOT_FOUND",
                "Les formats sont json, csv, pdf, xlsx et ods."));
    }

    private static void start(HttpServletResponse response, ReportFormat format, String name) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.mediaType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(name + "." + format.extension(), StandardCharsets.UTF_8).build().toString());
    }
}

package fr.dinum.ledger.api.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.dinum.ledger.api.console.CommandForms.Choices;
import fr.dinum.ledger.api.console.CommandForms.Form;
import fr.dinum.ledger.api.console.CommandForms.Option;
import fr.dinum.ledger.api.convention.CommandBodies;
import fr.dinum.ledger.api.convention.CommandSender;
import fr.dinum.ledger.api.operations.Projections;
import fr.dinum.ledger.api.security.Role;
import fr.dinum.ledger.api.web.FieldError;
import fr.dinum.ledger.api.web.Fields;
import fr.dinum.ledger.api.web.Forbidden;
import fr.dinum.ledger.api.web.InvalidRequest;
import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.domain.convention.CommandOutcome;
import fr.dinum.ledger.domain.convention.ConventionCommand;
import fr.dinum.ledger.domain.convention.ConventionCommand.IssueErda;
import fr.dinum.ledger.domain.convention.ConventionCommand.SignErda;
import fr.dinum.ledger.domain.convention.IdentifierConflict;
import fr.dinum.ledger.domain.convention.RuleViolation;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.erda.ErdaRole;
import fr.dinum.ledger.domain.values.InvalidValueException;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import fr.dinum.ledger.projections.reports.render.FrenchFormat;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms of the commands. A form is read into the API's request body ({@link FormInput}), turned
 * into the command by the API's own mapper ({@link CommandBodies}) and sent by the API's
 * {@link CommandSender}, with the same audit metadata. A refusal shows the rule's French sentence
 * next to its field and at the top, with every typed value kept. A success redirects to the
 * convention (post-redirect-get), so reloading the page sends nothing again; and because each
 * form carries its command's identifier, generated when it opens, sending it twice is a retry of
 * the same command, which the ledger records once.
 */
@Controller
class ConsoleCommandController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final CommandSender sender;
    private final LedgerQueries ledger;
    private final ErdaQueries erdas;
    private final Projections projections;
    private final ObjectMapper json;
    private final Clock clock;

    ConsoleCommandController(CommandSender sender, LedgerQueries ledger, ErdaQueries erdas, Projections projections,
                             ObjectMapper json, Clock clock) {
        this.sender = sender;
        this.ledger = ledger;
        this.erdas = erdas;
        this.projections = projections;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/console/conventions/new")
    String newConvention(Model model, HttpServletRequest request) {
        Form form = form("sign", null, request);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            values.put("tranches[" + i + "].number", String.valueOf(i + 1));
        }
        return show(form, null, values, Map.of(), List.of(), model);
    }

    @PostMapping("/console/conventions/new")
    String sign(@RequestParam Map<String, String> values, Model model, HttpServletRequest request,
                RedirectAttributes redirect) {
        return send(form("sign", null, request), null, values, model, request, redirect);
    }

    @GetMapping("/console/conventions/{id}/forms/{command}")
    String open(@PathVariable String id, @PathVariable String command, @RequestParam Map<String, String> query,
                Model model, HttpServletRequest request) {
        ConventionRecord record = ledger.convention(id).orElseThrow(() -> ConsoleController.unknown(id));
        Form form = form(command, record, request);
        Map<String, String> values = new LinkedHashMap<>();
        if (form.idPrefix() != null) {
            values.put(form.idField(), generatedId(form.idPrefix()));
        }
        // A link may pre-select a value (the EJ of a line, the number of an ERDA).
        for (var field : form.fields()) {
            if (query.containsKey(field.name())) {
                values.put(field.name(), query.get(field.name()));
            }
        }
        if ("amendments".equals(command)) {
            for (int i = 0; i < 4; i++) {
                values.putIfAbsent("tranches[" + i + "].number", String.valueOf(i + 1));
            }
        }
        return show(form, record, values, Map.of(), List.of(), model);
    }

    @PostMapping("/console/conventions/{id}/forms/{command}")
    String submit(@PathVariable String id, @PathVariable String command, @RequestParam Map<String, String> values,
                  Model model, HttpServletRequest request, RedirectAttributes redirect) {
        ConventionRecord record = ledger.convention(id).orElseThrow(() -> ConsoleController.unknown(id));
        return send(form(command, record, request), record, values, model, request, redirect);
    }

    private String send(Form form, ConventionRecord record, Map<String, String> values, Model model,
                        HttpServletRequest request, RedirectAttributes redirect) {
        String id = record == null ? null : record.terms().conventionId();
        FormInput.Result input = FormInput.read(form, values);
        Map<String, String> errors = new LinkedHashMap<>(input.errors());
        List<String> top = new ArrayList<>();
        if (!errors.isEmpty()) {
            top.add("Le formulaire contient des erreurs : corrigez les champs signalés.");
            return show(form, record, values, errors, top, model);
        }
        try {
            CommandOutcome outcome = sender.dispatch(command(form, id, input, request), request);
            // The next page reads the projections: let them catch up with what was just recorded.
            projections.awaitCaughtUp(Duration.ofSeconds(5));
            String target = id != null ? id : input.body().path("conventionId").asText();
            String what = form.title().substring(0, 1).toLowerCase() + form.title().substring(1);
            String erda = outcome.erdaNumber() == null ? "" : " ERDA n° " + outcome.erdaNumber() + ".";
            redirect.addFlashAttribute("notice", outcome.recorded()
                    ? new Notice("success", "C'est enregistré", "Demande « " + what + " » enregistrée." + erda)
                    : new Notice("info", "Déjà enregistré", "Cette saisie avait déjà été enregistrée à l'identique : "
                    + "rien n'a été enregistré une seconde fois."));
            return "redirect:/console/conventions/" + target;
        } catch (InvalidRequest e) {
            for (FieldError error : e.errors()) {
                String field = FormInput.formPath(input, error.field());
                String message = FrenchMessages.field(error.code(), error.message());
                if (form.has(field)) {
                    errors.putIfAbsent(field, message);
                } else {
                    top.add(label(field) + " : " + message);
                }
            }
            top.add(0, "Le formulaire contient des erreurs : corrigez les champs signalés.");
        } catch (RuntimeException e) {
            refusal(e, form, errors, top);
        }
        return show(form, record, values, errors, top, model);
    }

    /** Turns a refusal into French messages, by field where the rule names one; rethrows anything else. */
    private static void refusal(RuntimeException e, Form form, Map<String, String> errors, List<String> top) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof RuleViolation violation) {
                String message = FrenchMessages.rule(violation.rule());
                var field = CommandForms.fieldOf(violation.rule(), form);
                field.ifPresent(f -> errors.put(f, message));
                top.add("Refusé par la règle " + violation.rule().name() + " : " + message);
                return;
            }
            if (cause instanceof IdentifierConflict conflict) {
                String message = FrenchMessages.field("IDENTIFIER_CONFLICT", conflict.getMessage());
                if (form.idField() != null) {
                    errors.put(form.idField(), message);
                }
                top.add("Refusé (" + IdentifierConflict.CODE + ") : " + message);
                return;
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                top.add(FrenchMessages.field("CONCURRENT_MODIFICATION", "Concurrent change"));
                return;
            }
            if (cause instanceof InvalidValueException invalid) {
                top.add(FrenchMessages.field(invalid.code(), invalid.getMessage()));
                return;
            }
            if (cause instanceof AggregateNotFoundException) {
                throw new NotFound("CONVENTION_NOT_FOUND", "Cette convention n'est pas enregistrée.");
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        throw e;
    }

    /** The command of a form: the API's commands through its mapper, the ERDA's as its controller does. */
    private ConventionCommand command(Form form, String id, FormInput.Result input, HttpServletRequest request) {
        var body = input.body();
        switch (form.command()) {
            case "erdas": {
                Fields f = new Fields();
                LocalDate asOf = f.date("asOf", text(body, "asOf"));
                f.throwIfInvalid();
                return new IssueErda(id, asOf, body.path("final").asBoolean(false));
            }
            case "signatures": {
                Fields f = new Fields();
                if (!body.hasNonNull("number")) {
                    f.reject("number", "FIELD_REQUIRED", "number is required");
                }
                ErdaRole role = f.enumValue("role", text(body, "role"), ErdaRole.class);
                String signer = f.text("signer", text(body, "signer"));
                LocalDate signedOn = f.date("signedOn", text(body, "signedOn"));
                f.throwIfInvalid();
                // Each signs only its own side, as the API checks it.
                if (!request.isUserInRole(role.name())) {
                    f.reject("role", "ROLE_MISMATCH", "Signing as " + role + " needs the role " + role);
                    f.throwIfInvalid();
                }
                return new SignErda(id, body.get("number").asInt(), role, signer, signedOn);
            }
            default: {
                String ejNumber = null;
                if ("releases".equals(form.command())) {
                    ejNumber = text(body, "ejNumber");
                    body.remove("ejNumber");
                }
                return CommandBodies.command(id, form.command(), ejNumber, body, json);
            }
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private Form form(String command, ConventionRecord record, HttpServletRequest request) {
        if (record == null && !"sign".equals(command) || record != null && "sign".equals(command)) {
            throw new NotFound("FORM_NOT_FOUND", "Ce formulaire n'existe pas.");
        }
        Form form = CommandForms.form(command, record == null ? Choices.NONE : choices(record, request))
                .orElseThrow(() -> new NotFound("FORM_NOT_FOUND", "Ce formulaire n'existe pas."));
        if (form.roles().stream().noneMatch(r -> request.isUserInRole(r.name()))) {
            throw new Forbidden("ROLE_MISSING", "Ce formulaire demande le rôle "
                    + form.roles().stream().map(Role::name).reduce((a, b) -> a + " ou " + b).orElse("") + ".");
        }
        return form;
    }

    private Choices choices(ConventionRecord record, HttpServletRequest request) {
        String id = record.terms().conventionId();
        LocalDate today = LocalDate.now(clock);
        List<Option> ejs = ledger.commitments(id, today).stream()
                .map(c -> new Option(c.ejNumber(), c.ejNumber() + " · " + c.supplierName() + " · reste "
                        + FrenchFormat.amount(c.remaining())))
                .toList();
        List<Option> tranches = record.scheduleAsOf(today).tranches().stream()
                .filter(t -> t.trigger() != TrancheTrigger.ON_SIGNATURE)
                .map(t -> new Option(String.valueOf(t.number()), "Tranche " + t.number() + " · "
                        + FrenchFormat.amount(t.amount()) + " · " + ConsoleFormat.labelOf(t.trigger())
                        + (t.threshold() == null ? "" : " (seuil " + FrenchFormat.amount(t.threshold()) + ")")))
                .toList();
        List<Option> issued = this.erdas.issuedErdas(id).stream()
                .map(e -> new Option(String.valueOf(e.number()), "ERDA n° " + e.number() + " au "
                        + FrenchFormat.date(e.asOf()) + (e.finalErda() ? " (final)" : "")))
                .toList();
        List<Option> roles = new ArrayList<>();
        for (ErdaRole role : ErdaRole.values()) {
            if (request.isUserInRole(role.name())) {
                roles.add(new Option(role.name(), ConsoleFormat.labelOf(role)));
            }
        }
        return new Choices(ejs, tranches, issued, roles);
    }

    private static String show(Form form, ConventionRecord record, Map<String, String> values,
                               Map<String, String> errors, List<String> top, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("record", record);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("topErrors", top);
        model.addAttribute("action", record == null ? "/console/conventions/new"
                : "/console/conventions/" + record.terms().conventionId() + "/forms/" + form.command());
        return "console/form";
    }

    private String generatedId(String prefix) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return prefix + "-" + DAY.format(LocalDate.now(clock)) + "-" + HexFormat.of().formatHex(random);
    }

    /** The French name of a part of a body that has no field of its own in the form. */
    private static String label(String field) {
        return switch (field) {
            case "tranches" -> "Tranches";
            case "contributor" -> "Contributeur";
            case "supplier" -> "Fournisseur";
            case "fund" -> "Imputation";
            default -> field;
        };
    }

    /** A message shown once, after the redirect (DSFR alert type: success or info). */
    record Notice(String type, String title, String text) {
    }
}

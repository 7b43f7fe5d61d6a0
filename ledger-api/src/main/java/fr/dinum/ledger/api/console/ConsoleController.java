package fr.dinum.ledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.funds.FundQueries;
import fr.dinum.ledger.projections.history.HistoryQueries;
import fr.dinum.ledger.projections.history.HistoryQueries.HistoryEntry;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.reports.ErdaQueries;
import fr.dinum.ledger.projections.reports.render.FrenchFormat;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** The console's pages that read: the conventions, a convention, the funds and programmes. */
@Controller
class ConsoleController {

    static final int PAGE_SIZE = 20;

    private final LedgerQueries ledger;
    private final HistoryQueries history;
    private final FundQueries funds;
    private final ErdaQueries erdas;
    private final Clock clock;

    ConsoleController(LedgerQueries ledger, HistoryQueries history, FundQueries funds, ErdaQueries erdas,
                      Clock clock) {
        this.ledger = ledger;
        this.history = history;
        this.funds = funds;
        this.erdas = erdas;
        this.clock = clock;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    /** One line of the list of conventions. */
    record Row(String conventionId, String title, String contributor, String fundCode, ConventionStatus status,
               Balance balance) {
    }

    @GetMapping("/console")
    String conventions(@RequestParam(required = false) String status, @RequestParam(required = false) String fund,
                       @RequestParam(required = false) String contributor,
                       @RequestParam(required = false) Integer exercice,
                       @RequestParam(defaultValue = "id") String sort, @RequestParam(defaultValue = "asc") String dir,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = exercice == null ? today : min(LocalDate.of(exercice, 12, 31), today);
        String fundFilter = blankToNull(fund);
        String contributorFilter = blankToNull(contributor);
        ConventionStatus statusFilter = parseStatus(status);
        List<Row> rows = new ArrayList<>(ledger.conventions(asOf, fundFilter, null, contributorFilter).stream()
                .filter(e -> statusFilter == null || e.getValue().status() == statusFilter)
                .map(e -> new Row(e.getKey().terms().conventionId(), e.getKey().terms().title(),
                        e.getKey().terms().contributor().name(),
                        e.getKey().terms().fund() == null ? null : e.getKey().terms().fund().fundCode(),
                        e.getValue().status(), e.getValue()))
                .toList());
        Comparator<Row> order = switch (sort) {
            case "contributor" -> Comparator.comparing(Row::contributor, String.CASE_INSENSITIVE_ORDER);
            case "fund" -> Comparator.comparing(r -> r.fundCode() == null ? "" : r.fundCode());
            case "status" -> Comparator.comparing(Row::status);
            case "amount" -> Comparator.comparing(r -> r.balance().amount().value());
            case "received" -> Comparator.comparing(r -> r.balance().received().value());
            case "consumed" -> Comparator.comparing(r -> r.balance().cpPaid().value());
            default -> Comparator.comparing(Row::conventionId);
        };
        rows.sort("desc".equals(dir) ? order.reversed() : order);
        int pages = Math.max(1, (rows.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        model.addAttribute("rows", rows.subList((current - 1) * PAGE_SIZE, Math.min(rows.size(), current * PAGE_SIZE)));
        model.addAttribute("count", rows.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", IntStream.rangeClosed(1, pages).boxed().toList());
        model.addAttribute("lastPage", pages);
        model.addAttribute("asOf", asOf);
        model.addAttribute("statuses", ConventionStatus.values());
        var all = ledger.conventions(today, null, null, null);
        model.addAttribute("funds", all.stream()
                .map(e -> e.getKey().terms().fund() == null ? null : e.getKey().terms().fund().fundCode())
                .filter(f -> f != null).distinct().sorted().toList());
        int firstYear = all.stream().map(e -> e.getKey().terms().signedOn().getYear()).min(Integer::compare)
                .orElse(today.getYear());
        model.addAttribute("exercices", IntStream.rangeClosed(firstYear, today.getYear()).boxed()
                .sorted(Comparator.reverseOrder()).toList());
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", statusFilter == null ? "" : statusFilter.name());
        filters.put("fund", fundFilter == null ? "" : fundFilter);
        filters.put("contributor", contributorFilter == null ? "" : contributorFilter);
        filters.put("exercice", exercice == null ? "" : exercice.toString());
        model.addAttribute("filters", filters);
        model.addAttribute("sort", sort);
        model.addAttribute("dir", dir);
        return "console/conventions";
    }

    /** One fact of the history, with its French label and its main fields. */
    record HistoryLine(HistoryEntry entry, String label, String summary) {
    }

    @GetMapping("/console/conventions/{id}")
    String convention(@PathVariable String id, @RequestParam(required = false) String asOf, Model model,
                      HttpServletRequest request) {
        ConventionRecord record = ledger.convention(id).orElseThrow(() -> unknown(id));
        LocalDate today = LocalDate.now(clock);
        LocalDate date = today;
        if (asOf != null && !asOf.isBlank()) {
            try {
                date = LocalDate.parse(FormInput.date(asOf.strip()));
            } catch (DateTimeParseException e) {
                model.addAttribute("asOfError", FrenchMessages.field("DATE_INVALID", "Date invalide"));
            }
        }
        Balance balance = record.balance(date, ledger.totals(id, date));
        List<HistoryEntry> entries = history.history(id);
        model.addAttribute("record", record);
        model.addAttribute("terms", record.terms());
        model.addAttribute("schedule", record.scheduleAsOf(date));
        model.addAttribute("asOf", date);
        model.addAttribute("asOfText", asOf != null && model.getAttribute("asOfError") != null ? asOf : FrenchFormat.date(date));
        model.addAttribute("balance", balance);
        model.addAttribute("commitments", ledger.commitments(id, date));
        model.addAttribute("thresholdsReached", ledger.thresholdsReached(id));
        model.addAttribute("fundCalls", ledger.fundCalls(id));
        model.addAttribute("history", entries.stream().map(e -> new HistoryLine(e, ConsoleFormat.labelOf(e.type()),
                summary(e.fields()))).toList());
        model.addAttribute("chart", chart(id, record, entries, date));
        model.addAttribute("series", ConsumptionChart.SERIES);
        model.addAttribute("issuedErdas", erdas.issuedErdas(id));
        model.addAttribute("reportExercices", reportExercices(record, entries, today));
        model.addAttribute("commands", CommandForms.CONVENTION_COMMANDS.stream()
                .map(c -> CommandForms.form(c, CommandForms.Choices.NONE).orElseThrow())
                .filter(f -> f.roles().stream().anyMatch(r -> request.isUserInRole(r.name())))
                .toList());
        return "console/convention";
    }

    @GetMapping("/console/funds")
    String funds(Model model) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Set<String>> byProgramme = new java.util.TreeMap<>();
        for (var e : ledger.conventions(today, null, null, null)) {
            var fund = e.getKey().terms().fund();
            if (fund != null) {
                byProgramme.computeIfAbsent(fund.programme(), k -> new TreeSet<>()).add(fund.fundCode());
            }
        }
        model.addAttribute("programmes", byProgramme);
        return "console/funds";
    }

    @GetMapping("/console/funds/{fundCode}")
    String fund(@PathVariable String fundCode, @RequestParam(required = false) String asOf, Model model) {
        LocalDate date = parseOrToday(asOf);
        var view = funds.fund(fundCode, date).orElseThrow(() -> new NotFound("FUND_NOT_FOUND",
                "Aucune convention n'est imputée sur le fonds " + fundCode + "."));
        model.addAttribute("kind", "fund");
        model.addAttribute("title", "Fonds de concours " + fundCode);
        model.addAttribute("subtitle", "Programme " + view.programme() + ", BOP " + view.bop());
        model.addAttribute("asOf", date);
        model.addAttribute("totals", view.totals());
        model.addAttribute("conventions", view.conventions());
        model.addAttribute("exercices", view.exercices());
        model.addAttribute("fundTotals", List.of());
        return "console/fund";
    }

    @GetMapping("/console/programmes/{programme}")
    String programme(@PathVariable String programme, @RequestParam(required = false) String asOf, Model model) {
        LocalDate date = parseOrToday(asOf);
        var view = funds.programme(programme, date).orElseThrow(() -> new NotFound("PROGRAMME_NOT_FOUND",
                "Aucune convention n'est imputée sur le programme " + programme + "."));
        model.addAttribute("kind", "programme");
        model.addAttribute("title", "Programme " + programme);
        model.addAttribute("subtitle", view.funds().size() + " fonds de concours");
        model.addAttribute("asOf", date);
        model.addAttribute("totals", view.totals());
        model.addAttribute("conventions", view.conventions());
        model.addAttribute("exercices", view.exercices());
        model.addAttribute("fundTotals", view.funds());
        return "console/fund";
    }

    private static final Set<String> MOVEMENTS = Set.of("PaymentReceived", "CreditsOpened", "AeCommitted",
            "AeReleased", "CpPaid", "FundsRestituted");

    private String chart(String id, ConventionRecord record, List<HistoryEntry> entries, LocalDate asOf) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        dates.add(record.terms().signedOn());
        for (HistoryEntry entry : entries) {
            // Only the facts that move a figure of the chart give it a point (an ERDA signed today does not).
            if (MOVEMENTS.contains(entry.type()) && entry.businessDate() != null && !entry.businessDate().isAfter(asOf)) {
                dates.add(entry.businessDate());
            }
        }
        List<ConsumptionChart.Point> points = dates.stream()
                .map(d -> new ConsumptionChart.Point(d, ledger.totals(id, d))).toList();
        var schedule = record.scheduleAsOf(asOf);
        var reached = ledger.thresholdsReached(id).stream().filter(r -> !r.reachedOn().isAfter(asOf)).toList();
        return ConsumptionChart.svg("Consommation de la convention " + id + " et seuils des tranches", points,
                schedule.tranches(), reached, schedule.amount());
    }

    /** The exercices a compte-rendu can be asked for: from the signature's year to the last fact's. */
    private static List<Integer> reportExercices(ConventionRecord record, List<HistoryEntry> entries, LocalDate today) {
        int first = record.terms().signedOn().getYear();
        int last = entries.stream().map(HistoryEntry::businessDate).filter(d -> d != null)
                .map(LocalDate::getYear).max(Integer::compare).orElse(first);
        return IntStream.rangeClosed(first, Math.min(Math.max(first, last), today.getYear())).boxed().toList();
    }

    private static final List<String> SUMMARY_KEYS = List.of("receiptId", "openingId", "ejNumber", "dpNumber",
            "releaseId", "callId", "amendmentId", "restitutionId", "trancheNumber", "number", "amount", "ae", "cp",
            "threshold", "consumed", "role", "signer", "reason", "summary", "arreteReference", "object");
    private static final Set<String> AMOUNT_KEYS = Set.of("amount", "ae", "cp", "threshold", "consumed");
    private static final Map<String, String> KEY_LABELS = Map.ofEntries(
            Map.entry("receiptId", "versement"), Map.entry("openingId", "ouverture"), Map.entry("ejNumber", "EJ"),
            Map.entry("dpNumber", "DP"), Map.entry("releaseId", "désengagement"), Map.entry("callId", "appel"),
            Map.entry("amendmentId", "avenant"), Map.entry("restitutionId", "reversement"),
            Map.entry("trancheNumber", "tranche"), Map.entry("number", "n°"), Map.entry("amount", "montant"),
            Map.entry("ae", "AE"), Map.entry("cp", "CP"), Map.entry("threshold", "seuil"),
            Map.entry("consumed", "consommé"), Map.entry("role", "rôle"), Map.entry("signer", "signataire"),
            Map.entry("reason", "motif"), Map.entry("summary", "objet"), Map.entry("arreteReference", "arrêté"),
            Map.entry("object", "objet"));

    static String summary(JsonNode fields) {
        if (fields == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String key : SUMMARY_KEYS) {
            JsonNode value = fields.get(key);
            if (value == null || value.isNull() || value.isContainerNode()) {
                continue;
            }
            String text = value.asText();
            if (AMOUNT_KEYS.contains(key)) {
                try {
                    text = FrenchFormat.amount(Montant.of(value.asText()));
                } catch (RuntimeException e) {
                    // Not an amount after all: shown as recorded.
                }
            }
            if ("role".equals(key)) {
                text = ConsoleFormat.labelOf(text);
            }
            parts.add(KEY_LABELS.get(key) + " " + text);
        }
        return String.join(" · ", parts);
    }

    private LocalDate parseOrToday(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(FormInput.date(asOf.strip()));
        } catch (DateTimeParseException e) {
            return LocalDate.now(clock);
        }
    }

    private static ConventionStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ConventionStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static NotFound unknown(String id) {
        return new NotFound("CONVENTION_NOT_FOUND", "Aucune convention " + id + " n'est enregistrée.");
    }
}

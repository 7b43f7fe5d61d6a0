package fr.dinum.ledger.api.convention;

import fr.dinum.ledger.api.web.NotFound;
import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.projections.history.HistoryQueries;
import fr.dinum.ledger.projections.history.HistoryQueries.HistoryEntry;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.CommitmentLine;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.ledger.LedgerQueries.FundCall;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ThresholdReached;
import fr.dinum.ledger.domain.convention.Terms.Schedule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The read side of a convention. Figures come from the projections, which follow the event store
 * within milliseconds; a command's own answer is always up to date.
 */
@RestController
@RequestMapping("/api/conventions")
@Tag(name = "Conventions", description = "Balances, commitments and history of conventions")
class ConventionQueryController {

    private final LedgerQueries ledger;
    private final HistoryQueries history;
    private final Clock clock;

    ConventionQueryController(LedgerQueries ledger, HistoryQueries history, Clock clock) {
        this.ledger = ledger;
        this.history = history;
        this.clock = clock;
    }

    record ConventionSummary(String conventionId, String title, String contributor, String beneficiary,
                             String fundCode, String fundingMode, ConventionStatus status, Balance balance) {
    }

    /**
     * A convention: its terms as signed, the schedule in force today (after any avenant), the dates
     * of its life, the thresholds reached and the appels de fonds made, and its balance today.
     */
    record ConventionDetails(String conventionId, ConventionSigned terms, Schedule currentSchedule,
                             LocalDate terminatedOn, LocalDate closedOn, LocalDate settledOn, ConventionStatus status,
                             List<ThresholdReached> thresholdsReached, List<FundCall> fundCalls, Balance balance) {
    }

    @GetMapping
    @Operation(summary = "Every convention with its status and balance; filters status, fundCode, contributor")
    List<ConventionSummary> list(@RequestParam(required = false) ConventionStatus status,
                                 @RequestParam(required = false) String fundCode,
                                 @RequestParam(required = false) String contributor,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        return ledger.conventions(date, fundCode, null, contributor).stream()
                .filter(e -> status == null || e.getValue().status() == status)
                .map(e -> {
                    ConventionSigned t = e.getKey().terms();
                    return new ConventionSummary(t.conventionId(), t.title(), t.contributor().name(), t.beneficiary(),
                            t.fund() == null ? null : t.fund().fundCode(), t.fundingMode().name(),
                            e.getValue().status(), e.getValue());
                })
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A convention's terms, tranches and balance today")
    ConventionDetails get(@PathVariable String id) {
        ConventionRecord record = find(id);
        LocalDate today = LocalDate.now(clock);
        Balance balance = record.balance(today, ledger.totals(id, today));
        return new ConventionDetails(id, record.terms(), record.scheduleAsOf(today), record.terminatedOn(),
                record.closedOn(), record.settledOn(), balance.status(), ledger.thresholdsReached(id),
                ledger.fundCalls(id), balance);
    }

    @GetMapping("/{id}/balance")
    @Operation(summary = "The balance at a business date (today when absent)")
    Balance balance(@PathVariable String id,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        return ledger.balance(id, date).orElseThrow(() -> unknown(id));
    }

    @GetMapping("/{id}/commitments")
    @Operation(summary = "Each EJ with committed, released, net, paid and remaining")
    List<CommitmentLine> commitments(@PathVariable String id,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        find(id);
        return ledger.commitments(id, asOf == null ? LocalDate.now(clock) : asOf);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Every event with its business date, recordedAt, recordedBy and fields")
    List<HistoryEntry> history(@PathVariable String id) {
        find(id);
        return history.history(id);
    }

    private ConventionRecord find(String id) {
        return ledger.convention(id).orElseThrow(() -> unknown(id));
    }

    private static NotFound unknown(String id) {
        return new NotFound("CONVENTION_NOT_FOUND", "No convention " + id + " is recorded.");
    }
}

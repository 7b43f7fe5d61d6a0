package fr.dinum.ledger.api.operations;

import fr.dinum.ledger.domain.convention.Balance;
import fr.dinum.ledger.domain.convention.ConventionEvent.ConventionSigned;
import fr.dinum.ledger.domain.convention.ConventionStatus;
import fr.dinum.ledger.domain.convention.Terms.Tranche;
import fr.dinum.ledger.domain.convention.Funding;
import fr.dinum.ledger.domain.convention.Totals;
import fr.dinum.ledger.domain.convention.TrancheTrigger;
import fr.dinum.ledger.domain.values.Montant;
import fr.dinum.ledger.projections.ledger.LedgerQueries;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ConventionRecord;
import fr.dinum.ledger.projections.ledger.LedgerQueries.ThresholdReached;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ledger's business and processing metrics, for Prometheus. They are read from the projections
 * at a fixed rate (so a scrape never waits for the database) and so follow the read models within
 * seconds. Amounts are exposed as Prometheus floats: good for dashboards and alerts, never for
 * accounting, which reads the API.
 */
@Component
class LedgerMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerMetrics.class);

    private final LedgerQueries ledger;
    private final Projections projections;
    private final Clock clock;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private final MeterRegistry registry;

    LedgerMetrics(LedgerQueries ledger, Projections projections, Clock clock, MeterRegistry registry) {
        this.ledger = ledger;
        this.projections = projections;
        this.clock = clock;
        this.registry = registry;
    }

    private MultiGauge gauge(String name, String description) {
        return gauges.computeIfAbsent(name, n -> MultiGauge.builder(n).description(description).register(registry));
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        refresh();
    }

    @Scheduled(fixedDelayString = "${ledger.metrics.refresh-interval:10s}", initialDelayString = "${ledger.metrics.refresh-interval:10s}")
    void refresh() {
        try {
            refreshConventions();
            refreshProcessors();
        } catch (RuntimeException e) {
            // Metrics must never take the service down; a failing refresh is logged and tried again.
            LOG.warn("Metrics refresh failed: {}", e.toString());
        }
    }

    private void refreshConventions() {
        LocalDate today = LocalDate.now(clock);
        List<Map.Entry<ConventionRecord, Balance>> conventions = ledger.conventions(today, null, null, null);
        Map<String, List<ThresholdReached>> reached = ledger.allThresholdsReached();
        Map<String, List<Integer>> called = ledger.allCalledTranches();

        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        Map<String, List<Montant>> funds = new HashMap<>();
        for (Map.Entry<ConventionRecord, Balance> entry : conventions) {
            ConventionSigned terms = entry.getKey().terms();
            Balance b = entry.getValue();
            String fund = terms.fund() == null ? "" : terms.fund().fundCode();
            Tags tags = Tags.of("convention", terms.conventionId(), "fund", fund);
            add(rows, "ledger_convention_amount_euros", tags, b.amount());
            add(rows, "ledger_convention_received_euros", tags, b.received());
            add(rows, "ledger_convention_credits_opened_ae_euros", tags, b.creditsOpenedAe());
            add(rows, "ledger_convention_credits_opened_cp_euros", tags, b.creditsOpenedCp());
            add(rows, "ledger_convention_ae_net_euros", tags, b.aeNet());
            add(rows, "ledger_convention_cp_paid_euros", tags, b.cpPaid());
            add(rows, "ledger_convention_ae_available_euros", tags, b.aeAvailable());
            add(rows, "ledger_convention_cp_available_euros", tags, b.cpAvailable());
            add(rows, "ledger_convention_restituted_euros", tags, b.restituted());
            add(rows, "ledger_convention_restitution_due_euros", tags, b.restitutionDue());
            add(rows, "ledger_convention_overpaid_euros", tags, b.overpaid());
            add(rows, "ledger_convention_ae_cancelled_euros", tags, b.aeCancelled());
            add(rows, "ledger_convention_cp_cancelled_euros", tags, b.cpCancelled());
            add(rows, "ledger_convention_ae_to_cancel_euros", tags, b.aeToCancel());
            add(rows, "ledger_convention_cp_to_cancel_euros", tags, b.cpToCancel());
            if (b.nextTranche() != null) {
                add(rows, "ledger_convention_next_threshold_euros", tags, b.nextTranche().threshold());
                add(rows, "ledger_convention_next_threshold_consumed_euros", tags, b.nextTranche().consumed());
            }
            LocalDate endsOn = entry.getKey().scheduleAsOf(today).endsOn();
            if (endsOn != null) {
                rows.computeIfAbsent("ledger_convention_days_to_end", k -> new ArrayList<>())
                        .add(MultiGauge.Row.of(tags, ChronoUnit.DAYS.between(today, endsOn)));
            }
            rows.computeIfAbsent("ledger_convention_active", k -> new ArrayList<>())
                    .add(MultiGauge.Row.of(tags, b.status() == ConventionStatus.ACTIVE ? 1 : 0));
            rows.computeIfAbsent("ledger_convention_state", k -> new ArrayList<>())
                    .add(MultiGauge.Row.of(tags.and("status", b.status().name(), "funding_mode", terms.fundingMode().name()), 1));
            tranches(rows, terms.conventionId(), entry.getKey().scheduleAsOf(today).tranches(), b,
                    reached.getOrDefault(terms.conventionId(), List.of()),
                    called.getOrDefault(terms.conventionId(), List.of()), today);
            if (!fund.isEmpty()) {
                // The fund's figures follow each convention's funding: an advance consumes the fund's
                // credits, a reimbursement is pre-financed by the programme, a restitution cancels.
                Funding funding = entry.getKey().fundingAsOf(today);
                Totals t = new Totals(b.received(), b.creditsOpenedAe(), b.creditsOpenedCp(), b.aeCommitted(),
                        b.aeReleased(), b.cpPaid(), b.restituted(), b.overpaid());
                List<Montant> figures = List.of(t.received(), funding.creditsOpenedAe(t), funding.creditsOpenedCp(t),
                        funding.creditsConsumedAe(t), funding.creditsConsumedCp(t), funding.prefinancedAe(t),
                        funding.prefinancedCp(t), funding.creditsCancelled(t), funding.creditsRemainingAe(t),
                        funding.creditsRemainingCp(t), t.restituted());
                funds.merge(fund, figures, (a, c) -> java.util.stream.IntStream.range(0, a.size())
                        .mapToObj(i -> a.get(i).plus(c.get(i))).toList());
            }
        }
        funds.forEach((fund, f) -> {
            Tags tags = Tags.of("fund", fund);
            for (int i = 0; i < FUND_GAUGES.size(); i++) {
                add(rows, FUND_GAUGES.get(i), tags, f.get(i));
            }
        });
        for (String name : List.of("ledger_convention_amount_euros", "ledger_convention_received_euros",
                "ledger_convention_credits_opened_ae_euros", "ledger_convention_credits_opened_cp_euros",
                "ledger_convention_ae_net_euros", "ledger_convention_cp_paid_euros", "ledger_convention_ae_available_euros",
                "ledger_convention_cp_available_euros", "ledger_convention_restituted_euros",
                "ledger_convention_restitution_due_euros", "ledger_convention_next_threshold_euros",
                "ledger_convention_next_threshold_consumed_euros", "ledger_convention_days_to_end",
                "ledger_convention_active", "ledger_convention_state", "ledger_tranche_threshold_euros",
                "ledger_tranche_consumed_euros", "ledger_tranche_reached", "ledger_tranche_called",
                "ledger_tranche_awaiting_call_days", "ledger_convention_overpaid_euros",
                "ledger_convention_ae_cancelled_euros",
                "ledger_convention_cp_cancelled_euros", "ledger_convention_ae_to_cancel_euros",
                "ledger_convention_cp_to_cancel_euros")) {
            gauge(name, description(name)).register(rows.getOrDefault(name, List.of()), true);
        }
        for (String name : FUND_GAUGES) {
            gauge(name, description(name)).register(rows.getOrDefault(name, List.of()), true);
        }
    }

    /** The fund gauges, in the order of the figures summed per fund in {@link #refreshConventions()}. */
    static final List<String> FUND_GAUGES = List.of("ledger_fund_received_euros",
            "ledger_fund_credits_opened_ae_euros", "ledger_fund_credits_opened_cp_euros",
            "ledger_fund_ae_consumed_euros", "ledger_fund_cp_consumed_euros", "ledger_fund_ae_prefinanced_euros",
            "ledger_fund_cp_prefinanced_euros", "ledger_fund_credits_cancelled_euros",
            "ledger_fund_ae_remaining_euros", "ledger_fund_cp_remaining_euros", "ledger_fund_restituted_euros");

    private static void tranches(Map<String, List<MultiGauge.Row<?>>> rows, String conventionId, List<Tranche> tranches,
                                 Balance balance, List<ThresholdReached> reached, List<Integer> called, LocalDate today) {
        Totals totals = new Totals(balance.received(), balance.creditsOpenedAe(), balance.creditsOpenedCp(),
                balance.aeCommitted(), balance.aeReleased(), balance.cpPaid(), balance.restituted(), balance.overpaid());
        for (Tranche tranche : tranches) {
            if (tranche.trigger() != TrancheTrigger.ON_CONSUMPTION) {
                continue;
            }
            Tags tags = Tags.of("convention", conventionId, "tranche", String.valueOf(tranche.number()),
                    "basis", tranche.basis().name());
            add(rows, "ledger_tranche_threshold_euros", tags, tranche.threshold());
            add(rows, "ledger_tranche_consumed_euros", tags, Balance.consumption(tranche.basis(), totals));
            ThresholdReached hit = reached.stream().filter(r -> r.trancheNumber() == tranche.number()).findFirst().orElse(null);
            boolean isCalled = called.contains(tranche.number());
            rows.computeIfAbsent("ledger_tranche_reached", k -> new ArrayList<>()).add(MultiGauge.Row.of(tags, hit == null ? 0 : 1));
            rows.computeIfAbsent("ledger_tranche_called", k -> new ArrayList<>()).add(MultiGauge.Row.of(tags, isCalled ? 1 : 0));
            if (hit != null && !isCalled) {
                rows.computeIfAbsent("ledger_tranche_awaiting_call_days", k -> new ArrayList<>())
                        .add(MultiGauge.Row.of(tags, ChronoUnit.DAYS.between(hit.reachedOn(), today)));
            }
        }
    }

    /** The amount as a number for the registry, which exposes floats; the ledger never computes with them. */
    private static void add(Map<String, List<MultiGauge.Row<?>>> rows, String name, Tags tags, Montant amount) {
        rows.computeIfAbsent(name, k -> new ArrayList<>()).add(MultiGauge.Row.of(tags, amount.value()));
    }

    private void refreshProcessors() {
        long head = projections.headPosition();
        List<MultiGauge.Row<?>> lagEvents = new ArrayList<>();
        List<MultiGauge.Row<?>> lagSeconds = new ArrayList<>();
        List<MultiGauge.Row<?>> error = new ArrayList<>();
        List<MultiGauge.Row<?>> running = new ArrayList<>();
        List<MultiGauge.Row<?>> blocked = new ArrayList<>();
        List<MultiGauge.Row<?>> failingEvent = new ArrayList<>();
        for (StreamingEventProcessor processor : projections.processors()) {
            Tags tags = Tags.of("processor", processor.getName());
            long position = projections.storedPosition(processor.getName()).orElse(-1L);
            long behind = Math.max(0, head - position);
            var failure = projections.failure(processor.getName());
            // The failure is read from the shared database, so every replica reports it, not only
            // the one whose processor holds the segment.
            boolean inError = failure.isPresent()
                    || processor.processingStatus().values().stream().anyMatch(s -> s.isErrorState());
            failure.filter(f -> f.globalIndex() != null).ifPresent(f -> failingEvent.add(MultiGauge.Row.of(
                    tags.and("event_type", f.eventType()), f.globalIndex())));
            double seconds = behind == 0 ? 0 : projections.firstEventAfter(position)
                    .map(t -> (double) Duration.between(t, clock.instant()).toSeconds()).orElse(0.0);
            lagEvents.add(MultiGauge.Row.of(tags, behind));
            lagSeconds.add(MultiGauge.Row.of(tags, seconds));
            error.add(MultiGauge.Row.of(tags, inError ? 1 : 0));
            running.add(MultiGauge.Row.of(tags, processor.isRunning() ? 1 : 0));
            blocked.add(MultiGauge.Row.of(tags, inError ? behind : 0));
        }
        gauge("ledger_event_processor_lag_events", "Events stored and not yet in the processor's read models")
                .register(lagEvents, true);
        gauge("ledger_event_processor_lag_seconds", "Age of the oldest event not yet in the read models").register(lagSeconds, true);
        gauge("ledger_event_processor_error", "1 while the processor is stopped on a failing event").register(error, true);
        gauge("ledger_event_processor_running", "1 when the processor runs in this instance").register(running, true);
        gauge("ledger_event_processor_blocked_events",
                "Events waiting behind a failing one (the ledger has no dead-letter queue: it stops and retries)")
                .register(blocked, true);
        gauge("ledger_event_processor_failing_event",
                "Global index of the event the processor is stopped on (label event_type: its type); absent when none; "
                        + "GET /api/admin/projections names it and gives the error")
                .register(failingEvent, true);
    }

    private static String description(String name) {
        Function<String, String> words = n -> n.replace("ledger_", "").replace("_euros", " (euros)").replace('_', ' ');
        return words.apply(name);
    }
}

package fr.dinum.ledger.api.integrity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies the whole event chain every {@code ledger.integrity.verify-interval} and exposes the
 * result: {@code ledger_integrity_intact} (1 intact, 0 broken; NaN before the first
 * verification, so that no alert fires at start), {@code ledger_integrity_breaks}, {@code ledger_integrity_events_checked} and
 * {@code ledger_integrity_verified_timestamp_seconds}. When the store is intact it records a global
 * anchor and writes it to the log, so that a copy lives outside the database; when it is not, it
 * logs every break and records nothing, so the last anchor stays the last known good state.
 * It runs on a thread of its own: a long verification never delays the other scheduled work.
 */
@Component
class ScheduledVerification implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledVerification.class);

    private final IntegrityVerifier verifier;
    private final IntegrityProperties properties;
    private final Clock clock;
    private final AtomicLong intact = new AtomicLong(-1);
    private final AtomicLong breaks = new AtomicLong();
    private final AtomicLong eventsChecked = new AtomicLong();
    private final AtomicLong verifiedAt = new AtomicLong();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "integrity-verification");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledVerification(IntegrityVerifier verifier, IntegrityProperties properties, Clock clock,
                          MeterRegistry registry) {
        this.verifier = verifier;
        this.properties = properties;
        this.clock = clock;
        // Registered now, NaN until verified: a gauge that said 0 before any verification would
        // raise the alert at every start.
        Gauge.builder("ledger_integrity_intact", intact, v -> v.get() < 0 ? Double.NaN : v.get())
                .description("1 when the last verification found the event chain intact, 0 when it found a break")
                .register(registry);
        Gauge.builder("ledger_integrity_breaks", breaks, AtomicLong::get)
                .description("Breaks found by the last verification of the event chain").register(registry);
        Gauge.builder("ledger_integrity_events_checked", eventsChecked, AtomicLong::get)
                .description("Events re-hashed by the last verification").register(registry);
        Gauge.builder("ledger_integrity_verified_timestamp_seconds", verifiedAt, AtomicLong::get)
                .description("When the last verification ended (Unix time), 0 before the first").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::verifyQuietly, properties.firstVerificationDelay().toMillis(),
                properties.verifyInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verifyQuietly() {
        try {
            verifyNow();
        } catch (RuntimeException e) {
            // The database may be away for a while; the next run tries again, and the timestamp
            // gauge shows that no verification succeeded meanwhile.
            LOG.warn("Integrity verification failed to run: {}", e.toString());
        }
    }

    /** One verification, with its metrics, its log and, when intact, a new global anchor. */
    IntegrityReport verifyNow() {
        IntegrityReport report = verifier.verify();
        Instant now = clock.instant();
        intact.set(report.intact() ? 1 : 0);
        breaks.set(report.breaks().size());
        eventsChecked.set(report.eventsChecked());
        verifiedAt.set(now.getEpochSecond());
        if (report.intact()) {
            verifier.recordCheckpoint(now.minus(properties.checkpointSettle()), now).ifPresentOrElse(
                    c -> LOG.info("Event store intact: {} events verified. Integrity checkpoint: global index {}, "
                                    + "{} streams, {} events, anchor {}", report.eventsChecked(), c.globalIndex(),
                            c.streams(), c.events(), c.anchor()),
                    () -> LOG.info("Event store intact: {} events verified", report.eventsChecked()));
        } else {
            LOG.error("EVENT STORE INTEGRITY BROKEN: {} breaks in {} events; see GET /api/admin/integrity and "
                    + "docs/security.md. Breaks: {}", report.breaks().size(), report.eventsChecked(), report.breaks());
        }
        return report;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

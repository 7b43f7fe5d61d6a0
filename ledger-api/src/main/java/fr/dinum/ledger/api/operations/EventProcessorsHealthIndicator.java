package fr.dinum.ledger.api.operations;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event processors in the readiness probe. An instance whose processors are not running (still
 * starting, or shut down) is out of service. A processor stopped on a failing ("poison") event makes
 * readiness DOWN on every instance (the failure is read from the shared database): the read models
 * stop at the event before it, for every convention, so answering balances, funds and reports as if
 * they were current would mislead their readers. The ledger stops loudly instead; the admin status,
 * the metrics and the alert name the event, and docs/operations.md gives the way out.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final Projections projections;

    EventProcessorsHealthIndicator(Projections projections) {
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = projections.headPosition();
        boolean allRunning = true;
        boolean failing = false;
        for (StreamingEventProcessor processor : projections.processors()) {
            var failure = projections.failure(processor.getName());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            details.put("replaying", processor.isReplaying());
            details.put("error", failure.isPresent()
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
            failure.ifPresent(f -> details.put("failingEvent", f.globalIndex()));
            details.put("position", projections.storedPosition(processor.getName()).orElse(-1L));
            details.put("head", head);
            builder.withDetail(processor.getName(), details);
            allRunning &= processor.isRunning();
            failing |= failure.isPresent();
        }
        if (failing) {
            builder.down();
        } else if (allRunning) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }
}

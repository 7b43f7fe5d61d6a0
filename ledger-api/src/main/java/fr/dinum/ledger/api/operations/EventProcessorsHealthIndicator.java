package fr.dinum.ledger.api.operations;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event processors in the readiness probe: an instance whose processors are not running
 * (still starting, or shut down) is not ready. A processor stopped on a failing event keeps the
 * instance ready (commands and reads still work, reads say they are behind) but shows the error
 * here and in the metrics, where an alert fires: taking every replica out of service because one
 * projection cannot apply one event would turn a stale report into a complete outage.
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
        for (StreamingEventProcessor processor : projections.processors()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            details.put("replaying", processor.isReplaying());
            details.put("error", processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
            details.put("position", projections.storedPosition(processor.getName()).orElse(-1L));
            details.put("head", head);
            builder.withDetail(processor.getName(), details);
            allRunning &= processor.isRunning();
        }
        if (allRunning) {
            builder.up();
        } else {
            builder.outOfService();
        }
    }
}

package fr.dinum.ledger.api.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Operations on the read models: know how far they are behind the event store, wait for them, and
 * rebuild them. A rebuild resets each processor's token; its reset handler empties the tables and
 * the processor reads every event again from the first, while the service keeps answering.
 */
@Component
public class Projections {

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public Projections(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    /** The global index of the newest stored event, -1 when the store is empty. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** True when every processor has handled every event up to {@code position} and none is replaying. */
    public boolean reached(long position) {
        for (StreamingEventProcessor processor : processors()) {
            if (!processor.isRunning() || processor.isReplaying()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : status.values()) {
                if (segment.isErrorState() || (position >= 0 && segment.getCurrentPosition().orElse(-1) < position)) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean caughtUp() {
        return reached(headPosition());
    }

    /** Waits until the projections reach {@code position}; false if the timeout passed first. */
    public boolean awaitPosition(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(position)) {
            if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    /** Waits until the projections have every event stored so far; false if the timeout passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        return awaitPosition(headPosition(), timeout);
    }

    /** Rebuilds every read model from the event store. Returns when the replay has been started. */
    public void replay() {
        for (StreamingEventProcessor processor : processors()) {
            LOG.info("Replaying processor {} from the start of the event store", processor.getName());
            // A token can only be reset while no thread of this instance holds it.
            processor.shutdownAsync().join();
            processor.resetTokens();
            processor.start();
        }
    }
}

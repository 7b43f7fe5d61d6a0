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
import java.util.OptionalLong;

/**
 * Operations on the read models: know whether they have caught up with the event store, and rebuild
 * them from it. A rebuild resets each processor's token; its reset handler empties the tables and
 * the processor reads every event again from the first, while the service keeps answering.
 */
@Component
public class Projections {

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

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

    /** True when every processor has handled every event stored so far and none is replaying. */
    public boolean caughtUp() {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        for (StreamingEventProcessor processor : processors()) {
            if (!processor.isRunning() || processor.isReplaying()) {
                return false;
            }
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : status.values()) {
                OptionalLong position = segment.getCurrentPosition();
                if (segment.isErrorState() || (headPosition >= 0 && position.orElse(-1) < headPosition)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until {@link #caughtUp()}, polling; false if the timeout passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (caughtUp()) {
                return true;
            }
            Thread.sleep(20);
        }
        return caughtUp();
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

package fr.dinum.ledger.api.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Operations on the read models: how far they are behind the event store, waiting for them, and
 * rebuilding them. Positions are read from the tokens stored in {@code token_entry}, which are
 * committed with the read-model rows: they say exactly what a read can see, whichever instance
 * of the service holds the segment. A rebuild resets each processor's token; its reset handler
 * empties the tables and the processor reads every event again while the service keeps answering.
 */
@Component
public class Projections {

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private final ProcessingFailures failures;
    private volatile Instant replayStartedAt;
    private volatile Instant replayFinishedAt;

    public Projections(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc,
                       Serializer serializer, Clock clock, ProcessingFailures failures) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.failures = failures;
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

    /** The tokens a processor has stored, one per segment (a null token: nothing processed yet). */
    public List<TrackingToken> storedTokens(String processorName) {
        List<TrackingToken> tokens = new ArrayList<>();
        jdbc.sql("select token, token_type from token_entry where processor_name = :name order by segment")
                .param("name", processorName)
                .query(rs -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    tokens.add(token == null || type == null ? null : serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null)));
                });
        return tokens;
    }

    /**
     * The lowest position the read models of a processor have reached (-1 when nothing yet), or
     * empty while it has no segment or is still replaying events older than its reset.
     */
    public Optional<Long> storedPosition(String processorName) {
        List<TrackingToken> tokens = storedTokens(processorName);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            if (token instanceof ReplayToken replay) {
                // Axon keeps a replay token until an event beyond the reset point arrives; once its
                // position has reached the reset point, every event has been applied again.
                long current = replay.position().orElse(-1);
                long reset = replay.getTokenAtReset() == null ? -1 : replay.getTokenAtReset().position().orElse(-1);
                if (current < reset) {
                    return Optional.empty();
                }
            }
            lowest = Math.min(lowest, token == null ? -1 : token.position().orElse(-1));
        }
        return Optional.of(lowest);
    }

    /**
     * The lowest position any segment of a processor has stored, replay or not (-1 when nothing
     * yet): the event after it is the next one the processor will apply.
     */
    public long rawPosition(String processorName) {
        return storedTokens(processorName).stream()
                .mapToLong(token -> token == null ? -1 : token.position().orElse(-1))
                .min().orElse(-1);
    }

    /** The event on which a processor is stopped, with the error, if it is stopped on one. */
    public Optional<ProcessingFailures.Failure> failure(String processorName) {
        return failures.current(processorName, rawPosition(processorName));
    }

    /** True when every processor's read models hold every event up to {@code position}. */
    public boolean reached(long position) {
        for (StreamingEventProcessor processor : processors()) {
            Optional<Long> stored = storedPosition(processor.getName());
            if (stored.isEmpty() || stored.get() < position) {
                return false;
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

    /**
     * Rebuilds every read model from the event store. Returns once the replay has started; a
     * watcher logs when it is done, and {@link #replayFinishedAt()} tells it too.
     */
    public synchronized void replay() {
        replayStartedAt = clock.instant();
        replayFinishedAt = null;
        for (StreamingEventProcessor processor : processors()) {
            LOG.info("Replaying processor {} from the start of the event store", processor.getName());
            // A token can only be reset while no thread of this instance holds it.
            processor.shutdownAsync().join();
            processor.resetTokens();
            // The replay meets the event again: if it still fails, it is recorded again.
            failures.forget(processor.getName());
            processor.start();
        }
        long target = headPosition();
        Thread watcher = new Thread(() -> {
            if (awaitPosition(target, Duration.ofHours(6))) {
                replayFinishedAt = clock.instant();
                LOG.info("Replay finished: every projection is rebuilt up to event {} ({} after it started)", target,
                        Duration.between(replayStartedAt, replayFinishedAt));
            } else {
                LOG.error("Replay not finished after 6 hours: see the processors' status");
            }
        }, "projection-replay-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    public Instant replayStartedAt() {
        return replayStartedAt;
    }

    public Instant replayFinishedAt() {
        return replayFinishedAt;
    }

    /** The business timestamp of the oldest stored event after {@code position}, if any. */
    public Optional<Instant> firstEventAfter(long position) {
        return jdbc.sql("select time_stamp from domain_event_entry where global_index > :position "
                        + "order by global_index limit 1")
                .param("position", position)
                .query((rs, n) -> Instant.parse(rs.getString("time_stamp")))
                .optional();
    }
}

package fr.dinum.ledger.api.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
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

    /**
     * The header in which a command's answer gives the position (global index) of the last event of
     * its convention, and in which a read names the position it must see (see {@code ReadYourWrites}).
     */
    public static final String POSITION_HEADER = "X-Ledger-Position";
    /** The query parameter a read may use instead of {@link #POSITION_HEADER}, for links and browsers. */
    public static final String POSITION_PARAMETER = "position";

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
    private volatile long replayTarget = -1;

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

    /**
     * True when every processor's read models hold the event at {@code position} and every event
     * before it that was committed when that one was read: the token has passed the position and
     * does not list it among the gaps it still waits for (an event whose global index was taken
     * before a later one's but committed after it).
     */
    public boolean reached(long position) {
        for (StreamingEventProcessor processor : processors()) {
            if (!reached(processor.getName(), position)) {
                return false;
            }
        }
        return true;
    }

    private boolean reached(String processorName, long position) {
        List<TrackingToken> tokens = storedTokens(processorName);
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            if (token instanceof ReplayToken replay) {
                long reset = replay.getTokenAtReset() == null ? -1 : replay.getTokenAtReset().position().orElse(-1);
                if (replay.position().orElse(-1) < reset) {
                    return false;
                }
                token = replay.getCurrentToken();
            }
            if (token == null || token.position().orElse(-1) < position) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware && gapAware.getGaps().contains(position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position of the newest event of one convention, -1 when it has none: what a command's
     * answer gives its client, so that its next read waits for exactly that much.
     */
    public long lastPositionOf(String aggregateIdentifier) {
        return jdbc.sql("select global_index from domain_event_entry where aggregate_identifier = :id "
                        + "order by sequence_number desc limit 1")
                .param("id", aggregateIdentifier)
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    /**
     * How far a processor has read the event store, replay included: the lowest position of its
     * segments (-1 before the first event), or empty when it has no token yet.
     */
    public Optional<Long> readPosition(String processorName) {
        List<TrackingToken> tokens = storedTokens(processorName);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            lowest = Math.min(lowest, token == null ? -1 : token.position().orElse(-1));
        }
        return Optional.of(lowest);
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
     * watcher logs its progress every {@value #PROGRESS_SECONDS} seconds and when it is done, and
     * {@link #replayProgress()} tells it too (the admin endpoint shows it).
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
        replayTarget = target;
        long startedNanos = System.nanoTime();
        Thread watcher = new Thread(() -> watch(target, startedNanos), "projection-replay-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static final int PROGRESS_SECONDS = 5;

    private void watch(long target, long startedNanos) {
        long deadline = startedNanos + Duration.ofHours(6).toNanos();
        long lastLog = startedNanos;
        while (!reached(target)) {
            if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                LOG.error("Replay not finished after 6 hours: see the processors' status");
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            if (System.nanoTime() - lastLog >= Duration.ofSeconds(PROGRESS_SECONDS).toNanos()) {
                lastLog = System.nanoTime();
                ReplayProgress progress = replayProgress();
                LOG.info("Replay in progress: event {} of {} ({} %), {} events/s, about {} s to go",
                        progress.position(), target, progress.percent(), progress.eventsPerSecond(),
                        progress.secondsLeft());
            }
        }
        replayFinishedAt = clock.instant();
        double seconds = Math.max(1, System.nanoTime() - startedNanos) / 1e9;
        LOG.info("Replay finished: every projection is rebuilt up to event {} in {} s ({} events/s)", target,
                String.format(java.util.Locale.ROOT, "%.1f", seconds), Math.round((target + 1) / seconds));
    }

    /**
     * Where the last replay stands: the position the slowest processor has read, out of the head
     * when the replay started, and its pace since then.
     *
     * @param startedAt       when the replay started, null if none since this instance started
     * @param finishedAt      when every projection had reached {@code target}, null until then
     * @param target          the newest event when the replay started
     * @param position        the lowest position the processors have read
     * @param percent         position out of target, 0 to 100
     * @param eventsPerSecond events read per second since the start, by the slowest processor
     * @param secondsLeft     an estimate at that pace, 0 when finished
     */
    public record ReplayProgress(Instant startedAt, Instant finishedAt, long target, long position, int percent,
                                 long eventsPerSecond, long secondsLeft) {
    }

    public ReplayProgress replayProgress() {
        Instant started = replayStartedAt;
        Instant finished = replayFinishedAt;
        long target = replayTarget;
        if (started == null) {
            return new ReplayProgress(null, null, -1, -1, 0, 0, 0);
        }
        long position = finished != null ? target : processors().stream()
                .map(p -> readPosition(p.getName()).orElse(-1L))
                .min(Long::compare).orElse(-1L);
        Instant until = finished != null ? finished : clock.instant();
        double seconds = Math.max(0.001, Duration.between(started, until).toNanos() / 1e9);
        long perSecond = Math.round((position + 1) / seconds);
        int percent = target <= 0 ? 100 : (int) Math.min(100, Math.max(0, position) * 100 / target);
        long left = finished != null || perSecond == 0 ? 0 : Math.max(0, (target - position) / perSecond);
        return new ReplayProgress(started, finished, target, position, percent, perSecond, left);
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

package fr.dinum.ledger.api.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Operations on the projections, for the ADMIN role. */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration", description = "Projections: status and replay (ADMIN)")
class AdminController {

    private final Projections projections;

    AdminController(Projections projections) {
        this.projections = projections;
    }

    /**
     * A processor and where it stands in the event stream; {@code failingEvent} (absent when none)
     * is the event it is stopped on, with the error.
     */
    record ProcessorStatus(String name, boolean running, boolean replaying, boolean error, long position,
                           long headPosition, FailingEvent failingEvent) {
    }

    /** The event a processor cannot apply: where it is in the store, what it is, and why it fails. */
    record FailingEvent(Long globalIndex, String aggregateIdentifier, Long sequenceNumber, String payloadType,
                        String error, Instant firstFailedAt, Instant lastFailedAt, int attempts) {
    }

    @GetMapping("/projections")
    @Operation(summary = "Each event processor: running, replaying, in error, its position, the store's head, and the event it is stopped on with the error")
    List<ProcessorStatus> status() {
        long head = projections.headPosition();
        return projections.processors().stream().map(p -> status(p, head, projections.failure(p.getName()))).toList();
    }

    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild every projection from the event store; reads go on meanwhile; poll /api/admin/projections")
    List<ProcessorStatus> replay() {
        projections.replay();
        return status();
    }

    @GetMapping("/replay")
    @Operation(summary = "The last replay's progress: position out of target, events per second, time left")
    Projections.ReplayProgress replayProgress() {
        return projections.replayProgress();
    }

    private static ProcessorStatus status(StreamingEventProcessor processor, long head,
                                          Optional<ProcessingFailures.Failure> failure) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
        boolean error = failure.isPresent()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new ProcessorStatus(processor.getName(), processor.isRunning(), processor.isReplaying(), error, position,
                head, failure.map(f -> new FailingEvent(f.globalIndex(), f.aggregateIdentifier(), f.sequenceNumber(),
                f.payloadType(), f.error(), f.firstFailedAt(), f.lastFailedAt(), f.attempts())).orElse(null));
    }
}

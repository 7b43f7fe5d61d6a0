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

import java.util.List;

/** Operations on the projections, for the ADMIN role. */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "Administration", description = "Projections: status and replay (ADMIN)")
class AdminController {

    private final Projections projections;

    AdminController(Projections projections) {
        this.projections = projections;
    }

    /** A processor and where it stands in the event stream. */
    record ProcessorStatus(String name, boolean running, boolean replaying, boolean error, long position,
                           long headPosition) {
    }

    @GetMapping("/projections")
    @Operation(summary = "Each event processor: running, replaying, in error, its position and the store's head")
    List<ProcessorStatus> status() {
        long head = projections.headPosition();
        return projections.processors().stream().map(p -> status(p, head)).toList();
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

    private static ProcessorStatus status(StreamingEventProcessor processor, long head) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
        boolean error = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new ProcessorStatus(processor.getName(), processor.isRunning(), processor.isReplaying(), error, position,
                head);
    }
}

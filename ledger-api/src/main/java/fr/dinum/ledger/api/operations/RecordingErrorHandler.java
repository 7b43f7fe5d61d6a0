package fr.dinum.ledger.api.operations;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * The processors' error handler: records which event failed and why ({@link ProcessingFailures}),
 * then propagates the error as Axon's {@link PropagatingErrorHandler} does, so that the processor
 * stops on the event and retries it with back-off, never skipping it. Axon calls it once the
 * failed batch's transaction is rolled back, with all the batch's events: a processor handles up to
 * a few hundred events per transaction, so the event that failed is the one {@link #listener()}
 * saw fail, in the same processor thread, just before.
 */
public class RecordingErrorHandler implements ErrorHandler {

    /** The event whose handler threw, in this processor thread, until the batch's error is handled. */
    private static final ThreadLocal<EventMessage<?>> FAILED = new ThreadLocal<>();

    private final ProcessingFailures failures;

    public RecordingErrorHandler(ProcessingFailures failures) {
        this.failures = failures;
    }

    /**
     * The handlers' error handler: notes the event a handler failed on, then propagates the error
     * so that the whole batch rolls back and nothing is skipped.
     */
    public static ListenerInvocationErrorHandler listener() {
        return (exception, event, handler) -> {
            FAILED.set(event);
            PropagatingErrorHandler.instance().onError(exception, event, handler);
        };
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        EventMessage<?> seen = FAILED.get();
        FAILED.remove();
        boolean inBatch = seen != null
                && context.failedEvents().stream().anyMatch(e -> e.getIdentifier().equals(seen.getIdentifier()));
        EventMessage<?> failed = inBatch ? seen
                : context.failedEvents().isEmpty() ? null : context.failedEvents().get(0);
        if (failed != null) {
            failures.record(context.eventProcessor(), failed, context.error());
        }
        PropagatingErrorHandler.instance().handleError(context);
    }
}

package fr.dinum.ledger.api.operations;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * The processors' error handler: records which event failed and why ({@link ProcessingFailures}),
 * then propagates the error as Axon's {@link PropagatingErrorHandler} does, so that the processor
 * stops on the event and retries it with back-off, never skipping it. Axon calls it once the
 * failed batch's transaction is rolled back, with the batch's events (one with the default batch
 * size, so the failing event itself).
 */
public class RecordingErrorHandler implements ErrorHandler {

    private final ProcessingFailures failures;

    public RecordingErrorHandler(ProcessingFailures failures) {
        this.failures = failures;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        if (!context.failedEvents().isEmpty()) {
            EventMessage<?> first = context.failedEvents().get(0);
            failures.record(context.eventProcessor(), first, context.error());
        }
        PropagatingErrorHandler.instance().handleError(context);
    }
}

package fr.dinum.ledger.api.integrity;

import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The SHA-256 an ERDA was frozen with, read from its {@code ErdaIssued} event in the event store
 * (through Axon, so upcasters apply), never from a read model: a rebuilt ERDA is checked against
 * the truth, and the event itself is covered by the chain.
 */
@Component
public class ErdaEventHashes {

    private final EventStore eventStore;

    ErdaEventHashes(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The hash recorded by ERDA {@code number} of the convention; empty when no such ERDA was issued. */
    public Optional<String> recordedSha256(String conventionId, int number) {
        DomainEventStream events = eventStore.readEvents(conventionId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (ErdaIssued.class.equals(event.getPayloadType())
                    && event.getPayload() instanceof ErdaIssued issued && issued.number() == number) {
                return Optional.of(issued.sha256());
            }
        }
        return Optional.empty();
    }
}

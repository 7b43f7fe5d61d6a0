package fr.dinum.ledger.api.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.domain.convention.PeriodCovers;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@code ConventionSigned} of revision 1 as revision 2. Revision 1 did not say what the
 * period covers: every convention then bounded its commitments only, so the upcast event says
 * {@code COMMITMENTS}. The stored event is never rewritten; this runs each time it is read.
 */
final class ConventionSignedUpcaster extends SingleEventUpcaster {

    /** The name Axon stored the event under (the class name): fixed for ever, whatever the class becomes. */
    static final String PAYLOAD_TYPE = "fr.dinum.ledger.domain.convention.ConventionEvent$ConventionSigned";
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(PAYLOAD_TYPE, "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(PAYLOAD_TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.put("periodCovers", PeriodCovers.COMMITMENTS.name());
            return upcast;
        });
    }
}

package fr.dinum.ledger.api.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.domain.convention.ConventionEvent.PaymentReceived;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@link PaymentReceived} stored under revision 1, before overpayments could be recorded,
 * as revision 2 with an {@code excess} of 0.00: every receipt of that time was within what was
 * payable. The stored event is never rewritten; this runs each time it is read.
 */
class PaymentReceivedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(PaymentReceived.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(PaymentReceived.class.getName(), "2"),
                JsonNode.class, payload -> {
                    ((ObjectNode) payload).put("excess", "0.00");
                    return payload;
                });
    }
}

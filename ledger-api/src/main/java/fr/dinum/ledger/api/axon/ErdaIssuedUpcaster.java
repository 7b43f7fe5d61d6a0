package fr.dinum.ledger.api.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.dinum.ledger.domain.convention.ConventionEvent.ErdaIssued;
import fr.dinum.ledger.domain.erda.CanonicalFormat;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads an {@link ErdaIssued} of revision 1, stored before the event recorded its canonical format,
 * as revision 2: such an ERDA was hashed under {@link CanonicalFormat#V1}, so that is the format it
 * is rebuilt and checked under forever. The stored event itself is never rewritten.
 */
public class ErdaIssuedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = ErdaIssued.class.getName();
    private static final SimpleSerializedType WITHOUT_FORMAT =
            new SimpleSerializedType(TYPE, ErdaIssued.REVISION_WITHOUT_FORMAT);
    private static final SimpleSerializedType WITH_FORMAT = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(WITHOUT_FORMAT);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(WITH_FORMAT, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("canonicalFormat", CanonicalFormat.V1.name());
            return payload;
        });
    }
}

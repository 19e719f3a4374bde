package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.api.message.MessageSent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@code MessageSent} revision 1 (stored before messages had a format) as revision 2 with
 * {@code format: "text"}, wherever events are read: aggregates, projections, the event history, the Kafka export.
 */
class MessageSentFormatUpcaster extends SingleEventUpcaster {

    private static final String TYPE = MessageSent.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode event && !event.hasNonNull("format")) {
                event.put("format", MessageSent.TEXT);
            }
            return payload;
        });
    }
}

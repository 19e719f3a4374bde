package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads messages stored in earlier shapes as the current revision, wherever events are read (aggregates, projections,
 * the event history, the Kafka export): {@code MessageSent} revisions 1 and 2 as 3 ({@code format: "text"} where
 * missing, {@code replyTo: null}, {@code mentions: []}) and {@code MessageEdited} revisions 1 and 2 as 3
 * ({@code mentions: []} where missing, {@code senderId: null}: stored in plain text, they need no sender's key). In one
 * step per event, so the order of upcasters in the chain does not matter.
 */
class MessageUpcaster extends SingleEventUpcaster {

    private static final String SENT = MessageSent.class.getName();
    private static final String EDITED = MessageEdited.class.getName();
    private static final Set<SimpleSerializedType> OLD_SENT =
            Set.of(new SimpleSerializedType(SENT, "1"), new SimpleSerializedType(SENT, "2"));
    private static final Set<SimpleSerializedType> OLD_EDITED =
            Set.of(new SimpleSerializedType(EDITED, "1"), new SimpleSerializedType(EDITED, "2"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return OLD_SENT.contains(representation.getType()) || OLD_EDITED.contains(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        boolean sent = SENT.equals(representation.getType().getName());
        SimpleSerializedType current = new SimpleSerializedType(
                sent ? SENT : EDITED,
                (sent ? MessageSent.class : MessageEdited.class)
                        .getAnnotation(Revision.class)
                        .value());
        return representation.upcastPayload(current, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode event) {
                if (sent && !event.hasNonNull("format")) {
                    event.put("format", MessageSent.TEXT);
                }
                if (sent && !event.has("replyTo")) {
                    event.putNull("replyTo");
                }
                if (!event.has("mentions")) {
                    event.putArray("mentions");
                }
                if (!sent && !event.has("senderId")) {
                    event.putNull("senderId");
                }
            }
            return payload;
        });
    }
}

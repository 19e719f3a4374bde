package dev.curious.messenger.platform.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import java.util.Base64;
import java.util.UUID;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The event serializer: the one place where message content is sealed on its way into the event store and opened on
 * its way out, for every reader alike (aggregates, projections and replays, the event history, the Kafka export). A
 * stored {@code MessageSent} or {@code MessageEdited} holds {@code content: null} and {@code sealed: {key, data}},
 * AES-GCM under the key of its sender, conversation and day, bound to the message id; read back after the key was destroyed, its content is
 * null. Events stored before sealing (plain {@code content}, no {@code sealed}) are read as they are.
 */
public class SealingSerializer implements Serializer {

    private static final String SENT = MessageSent.class.getName();
    private static final String EDITED = MessageEdited.class.getName();

    private final Serializer delegate;
    private final ContentKeys keys;

    public SealingSerializer(Serializer delegate, ContentKeys keys) {
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        ContentKeys.Scope scope;
        UUID messageId;
        String content;
        if (object instanceof MessageSent sent) {
            scope = sent.senderId() == null
                    ? null
                    : ContentKeys.Scope.of(sent.senderId(), sent.conversationId(), sent.sentAt());
            messageId = sent.messageId();
            content = sent.content();
        } else if (object instanceof MessageEdited edited) {
            scope = edited.senderId() == null
                    ? null
                    : ContentKeys.Scope.of(edited.senderId(), edited.conversationId(), edited.editedAt());
            messageId = edited.messageId();
            content = edited.content();
        } else {
            return delegate.serialize(object, expectedRepresentation);
        }
        if (content == null || scope == null) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> plain = delegate.serialize(object, JsonNode.class);
        ObjectNode json = (ObjectNode) plain.getData();
        seal(json, keys, scope, messageId, content);
        return getConverter()
                .convert(new SimpleSerializedObject<>(json, JsonNode.class, plain.getType()), expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        String type = serialized.getType().getName();
        if (!SENT.equals(type) && !EDITED.equals(type)) {
            return delegate.deserialize(serialized);
        }
        SerializedObject<JsonNode> tree = getConverter().convert(serialized, JsonNode.class);
        JsonNode seal = tree.getData().get("sealed");
        if (seal == null || !seal.isObject()) {
            return delegate.deserialize(tree);
        }
        // A copy: the tree may be the one an upcaster or a caller holds.
        ObjectNode json = tree.getData().deepCopy();
        json.remove("sealed");
        json.put(
                "content",
                open(seal, keys, UUID.fromString(json.get("messageId").asText())));
        return delegate.deserialize(new SimpleSerializedObject<>(json, JsonNode.class, tree.getType()));
    }

    /** Seals the content into the event's JSON: {@code content: null, sealed: {key, data}}, data in Base64. */
    static void seal(ObjectNode json, ContentKeys keys, ContentKeys.Scope scope, UUID messageId, String content) {
        ContentKeys.Sealed sealed = keys.seal(scope, messageId, content);
        json.putNull("content");
        ObjectNode seal = json.putObject("sealed");
        seal.put("key", sealed.keyId().toString());
        seal.put("data", Base64.getEncoder().encodeToString(sealed.data()));
    }

    /** The content {@link #seal} put into {@code sealed}, or null once its key is destroyed. */
    static String open(JsonNode sealed, ContentKeys keys, UUID messageId) {
        return keys.open(
                UUID.fromString(sealed.get("key").asText()),
                Base64.getDecoder().decode(sealed.get("data").asText()),
                messageId);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}

package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.platform.axon.FrameJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each frame record, as clients see it, has exactly the fields the contract lists for its type. */
class FrameJsonTest {

    /** shared/API.md, "STOMP over WebSocket" and "Positions and resume"; a message as returned, for MessageSent. */
    private static final Map<String, List<String>> CONTRACT = Map.ofEntries(
            Map.entry(
                    "MessageSent",
                    List.of(
                            "type",
                            "conversationId",
                            "frameSeq",
                            "id",
                            "sequence",
                            "senderId",
                            "senderNickname",
                            "content",
                            "sentAt",
                            "editedAt",
                            "deleted",
                            "reactions",
                            "seenBy",
                            "replyTo",
                            "mentions",
                            "erased",
                            "clientMessageId")),
            Map.entry(
                    "MessageEdited",
                    List.of("type", "conversationId", "frameSeq", "messageId", "content", "editedAt", "mentions")),
            Map.entry(
                    "MessageDeleted",
                    List.of("type", "conversationId", "frameSeq", "messageId", "deletedAt", "deletedBy")),
            Map.entry(
                    "MessagesSeen",
                    List.of(
                            "type",
                            "conversationId",
                            "frameSeq",
                            "userId",
                            "messageId",
                            "afterSequence",
                            "upToSequence",
                            "seenAt")),
            Map.entry(
                    "ReactionAdded",
                    List.of("type", "conversationId", "frameSeq", "messageId", "userId", "emojiKey", "unicode")),
            Map.entry(
                    "ReactionRemoved",
                    List.of("type", "conversationId", "frameSeq", "messageId", "userId", "emojiKey", "unicode")),
            Map.entry(
                    "MemberAdded",
                    List.of(
                            "type",
                            "conversationId",
                            "frameSeq",
                            "userId",
                            "nickname",
                            "owner",
                            "joinedAt",
                            "addedBy")),
            Map.entry("MemberRemoved", List.of("type", "conversationId", "frameSeq", "userId", "removedBy")),
            Map.entry("ConversationRenamed", List.of("type", "conversationId", "frameSeq", "title", "renamedBy")),
            Map.entry("ConversationClosed", List.of("type", "conversationId", "frameSeq", "closedBy", "closedAt")),
            Map.entry("Typing", List.of("type", "conversationId", "userId", "nickname")),
            Map.entry("PresenceChanged", List.of("type", "conversationId", "userId", "nickname", "online")),
            Map.entry("ContentErased", List.of("type", "conversationId", "senderId", "before", "erasedAt")),
            Map.entry("AddedToConversation", List.of("type", "conversationId", "title")),
            Map.entry("RemovedFromConversation", List.of("type", "conversationId", "title")),
            Map.entry("Mentioned", List.of("type", "conversationId", "messageId", "by")));

    private final ObjectMapper json =
            new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(FrameJson.clientModule());

    @Test
    void everyFrameAndNotificationHasTheContractsFieldsAndNoOthers() throws Exception {
        List<Class<?>> records = new ArrayList<>();
        collect(ConversationFrame.class, records);
        collect(UserNotification.class, records);
        Map<String, List<String>> written = new HashMap<>();
        for (Class<?> type : records) {
            JsonNode node = json.readTree(json.writeValueAsString(sample(type)));
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            written.put(node.get("type").asText(), fields);
        }
        assertThat(written).containsOnlyKeys(CONTRACT.keySet());
        CONTRACT.forEach(
                (type, fields) -> assertThat(written.get(type)).as(type).isEqualTo(fields));
        assertThat(json.writeValueAsString(new AddedToConversation(UUID.randomUUID(), UUID.randomUUID(), "t")))
                .startsWith("{\"type\":\"AddedToConversation\"");
        assertThat(json.writeValueAsString(new RemovedFromConversation(UUID.randomUUID(), UUID.randomUUID(), "t")))
                .doesNotContain("userId");
    }

    private static void collect(Class<?> type, List<Class<?>> records) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, records);
            }
        } else {
            records.add(type);
        }
    }

    /** An instance with a value of its type in every component. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> component = components[i].getType();
            types[i] = component;
            values[i] = component == UUID.class
                    ? UUID.randomUUID()
                    : component == String.class
                            ? "text"
                            : component == Instant.class
                                    ? Instant.EPOCH
                                    : component == long.class
                                            ? 1L
                                            : component == boolean.class
                                                    ? true
                                                    : component.isRecord() ? sample(component) : List.of();
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }
}

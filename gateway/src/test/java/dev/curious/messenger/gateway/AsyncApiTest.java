package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.platform.axon.EventEnvelope;
import dev.curious.messenger.platform.axon.FrameJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AsyncAPI document that ships with the contract module ({@code api/src/main/resources/asyncapi.yaml}) describes
 * exactly the frames, notifications and event envelope that the code writes: a record added, removed or changed
 * without the document (or the other way round) fails here.
 */
class AsyncApiTest {

    private static final JsonNode DOCUMENT = load();

    /** What clients receive: frames and notifications as the gateway writes them. */
    private static final ObjectMapper CLIENT_JSON =
            new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(FrameJson.clientModule());

    private static final ObjectMapper ENVELOPE_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The keys of an envelope's metadata, as the contract names them. */
    private static final List<String> METADATA = List.of("userId", "correlationId", "causationId");

    @Test
    void theConversationTopicCarriesEveryFrameRecordAndNothingElse() {
        assertThat(names(DOCUMENT.at("/channels/conversation/messages")))
                .containsExactlyInAnyOrderElementsOf(typeIds(ConversationFrame.class));
        assertThat(refs(DOCUMENT.at("/operations/pushConversationFrames/messages")))
                .containsExactlyInAnyOrderElementsOf(typeIds(ConversationFrame.class));
    }

    @Test
    void theNotificationQueueCarriesEveryNotificationRecordAndNothingElse() {
        assertThat(names(DOCUMENT.at("/channels/notifications/messages")))
                .containsExactlyInAnyOrderElementsOf(typeIds(UserNotification.class));
        assertThat(refs(DOCUMENT.at("/operations/pushNotifications/messages")))
                .containsExactlyInAnyOrderElementsOf(typeIds(UserNotification.class));
    }

    @Test
    void eachFramesSchemaHasExactlyItsRecordsComponentsAllRequired() {
        for (Class<?> frame : records(ConversationFrame.class)) {
            assertTypedRecord(frame, Set.of());
        }
    }

    @Test
    void eachNotificationsSchemaHasItsRecordsComponentsButTheUserItIsFor() {
        for (Class<?> notification : records(UserNotification.class)) {
            assertTypedRecord(notification, Set.of("userId"));
        }
    }

    @Test
    void clientsReceiveExactlyTheDocumentedPropertiesOfEachFrameAndNotification() throws Exception {
        List<Class<?>> written = new ArrayList<>(records(ConversationFrame.class));
        written.addAll(records(UserNotification.class));
        for (Class<?> type : written) {
            JsonNode json = CLIENT_JSON.readTree(CLIENT_JSON.writeValueAsString(sample(type)));
            String id = json.get("type").asText();
            assertThat(id).as(type.getSimpleName()).isEqualTo(typeId(type));
            assertThat(fieldNames(json))
                    .as("what %s writes", id)
                    .containsExactlyElementsOf(fieldNames(payload(id).get("properties")));
        }
    }

    @Test
    void theKafkaTopicCarriesTheEnvelopeKeyedByAggregateWithTheEventIdHeader() throws Exception {
        JsonNode channel = DOCUMENT.at("/channels/events");
        Map<String, String> defaults = new LinkedHashMap<>();
        Class<?> properties = Class.forName("dev.curious.messenger.query.export.KafkaExportProperties");
        // A component's @DefaultValue is kept on the canonical constructor's parameter, not on the component.
        RecordComponent[] components = properties.getRecordComponents();
        Parameter[] parameters = properties
                .getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                .getParameters();
        for (int i = 0; i < components.length; i++) {
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            if (value != null) {
                defaults.put(components[i].getName(), value.value()[0]);
            }
        }
        assertThat(defaults).containsKeys("topic", "partitions", "replicationFactor");
        assertThat(channel.get("address").asText()).isEqualTo(defaults.get("topic"));
        assertThat(channel.at("/bindings/kafka/topic").asText()).isEqualTo(defaults.get("topic"));
        assertThat(channel.at("/bindings/kafka/partitions").asText()).isEqualTo(defaults.get("partitions"));
        assertThat(channel.at("/bindings/kafka/replicas").asText()).isEqualTo(defaults.get("replicationFactor"));
        assertThat(names(channel.get("messages"))).containsExactly("Event");

        JsonNode event = resolve(channel.at("/messages/Event"));
        assertThat(fieldNames(event.at("/headers/properties"))).containsExactly("eventId");
        assertThat(strings(event.at("/headers/required"))).containsExactly("eventId");
        assertThat(event.at("/bindings/kafka/key/type").asText()).isEqualTo("string");

        JsonNode envelope = resolve(event.get("payload"));
        assertRecordSchema("EventEnvelope", envelope, EventEnvelope.class, Set.of());
        assertThat(fieldNames(envelope.at("/properties/metadata/properties"))).containsExactlyElementsOf(METADATA);
        assertThat(strings(envelope.at("/properties/metadata/required"))).containsExactlyElementsOf(METADATA);
        JsonNode written = ENVELOPE_JSON.readTree(ENVELOPE_JSON.writeValueAsString(sample(EventEnvelope.class)));
        assertThat(fieldNames(written)).containsExactlyElementsOf(fieldNames(envelope.get("properties")));
    }

    /** The message named after the record, whose schema is the record's components (minus some) and its type. */
    private static void assertTypedRecord(Class<?> type, Set<String> leftOut) {
        String id = typeId(type);
        JsonNode schema = payload(id);
        assertThat(schema.at("/properties/type/const").asText())
                .as(id + ".type")
                .isEqualTo(id);
        List<String> expected = new ArrayList<>();
        expected.add("type");
        for (RecordComponent component : type.getRecordComponents()) {
            if (!leftOut.contains(component.getName())) {
                expected.add(component.getName());
            }
        }
        assertThat(fieldNames(schema.get("properties"))).as(id + " properties").containsExactlyElementsOf(expected);
        assertThat(strings(schema.get("required"))).as(id + " required").containsExactlyInAnyOrderElementsOf(expected);
        for (RecordComponent component : type.getRecordComponents()) {
            if (!leftOut.contains(component.getName())) {
                assertType(
                        id + "." + component.getName(),
                        schema.get("properties").get(component.getName()),
                        component.getGenericType());
            }
        }
    }

    /** A schema of a record: an object with exactly the record's components, all required, each of its type. */
    private static void assertRecordSchema(String where, JsonNode schema, Class<?> type, Set<String> leftOut) {
        assertThat(jsonTypes(schema)).as(where).containsExactly("object");
        List<String> expected = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (!leftOut.contains(component.getName())) {
                expected.add(component.getName());
            }
        }
        assertThat(fieldNames(schema.get("properties")))
                .as(where + " properties")
                .containsExactlyElementsOf(expected);
        assertThat(strings(schema.get("required")))
                .as(where + " required")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (RecordComponent component : type.getRecordComponents()) {
            assertType(
                    where + "." + component.getName(),
                    schema.get("properties").get(component.getName()),
                    component.getGenericType());
        }
    }

    /** The JSON Schema type (and format) that Jackson writes a Java type as; null is allowed beside it. */
    private static void assertType(String where, JsonNode schema, Type type) {
        assertThat(schema).as(where).isNotNull();
        JsonNode resolved = nonNull(schema);
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw == UUID.class) {
            assertString(where, resolved, "uuid");
        } else if (raw == Instant.class) {
            assertString(where, resolved, "date-time");
        } else if (raw == String.class) {
            assertString(where, resolved, null);
        } else if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
            assertThat(jsonTypes(resolved)).as(where).containsExactly("integer");
        } else if (raw == boolean.class || raw == Boolean.class) {
            assertThat(jsonTypes(resolved)).as(where).containsExactly("boolean");
        } else if (List.class.isAssignableFrom(raw)) {
            assertThat(jsonTypes(resolved)).as(where).containsExactly("array");
            assertType(where + "[]", resolved.get("items"), ((ParameterizedType) type).getActualTypeArguments()[0]);
        } else if (raw.isRecord()) {
            assertRecordSchema(where, resolved, raw, Set.of());
        } else if (JsonNode.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            assertThat(jsonTypes(resolved)).as(where).containsExactly("object");
        } else {
            fail("%s: no JSON type known for %s; say here how Jackson writes it", where, type);
        }
    }

    private static void assertString(String where, JsonNode schema, String format) {
        assertThat(jsonTypes(schema)).as(where).containsExactly("string");
        if (format != null) {
            assertThat(schema.path("format").asText()).as(where + " format").isEqualTo(format);
        }
    }

    /** The schema itself, a {@code $ref} followed, or the one alternative of {@code oneOf: [x, null]} that is not null. */
    private static JsonNode nonNull(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf")) {
            List<JsonNode> alternatives = new ArrayList<>();
            resolved.get("oneOf").forEach(alternative -> {
                JsonNode one = resolve(alternative);
                if (!"null".equals(one.path("type").asText())) {
                    alternatives.add(one);
                }
            });
            assertThat(alternatives).as("oneOf of %s", schema).hasSize(1);
            return alternatives.get(0);
        }
        return resolved;
    }

    /** The schema's {@code type}, one or a list, without {@code null}. */
    private static List<String> jsonTypes(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = type.isArray() ? strings(type) : type.isTextual() ? List.of(type.asText()) : List.of();
        return types.stream().filter(t -> !t.equals("null")).collect(Collectors.toList());
    }

    private static JsonNode payload(String messageName) {
        JsonNode message = DOCUMENT.at("/components/messages/" + messageName);
        assertThat(message.isMissingNode()).as("message " + messageName).isFalse();
        assertThat(message.get("name").asText()).isEqualTo(messageName);
        return resolve(message.get("payload"));
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode resolved = node;
        while (resolved.has("$ref")) {
            String ref = resolved.get("$ref").asText();
            assertThat(ref).startsWith("#/");
            resolved = DOCUMENT.at(ref.substring(1));
            assertThat(resolved.isMissingNode()).as(ref).isFalse();
        }
        return resolved;
    }

    /** The names of the messages the refs point to, which must be messages of the operation's channel. */
    private static List<String> refs(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(ref -> {
            String path = ref.get("$ref").asText();
            assertThat(resolve(ref).isMissingNode()).as(path).isFalse();
            names.add(path.substring(path.lastIndexOf('/') + 1));
        });
        return names;
    }

    private static List<String> names(JsonNode messages) {
        List<String> names = fieldNames(messages);
        for (String name : names) {
            assertThat(resolve(messages.get(name)).get("name").asText()).isEqualTo(name);
        }
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        assertThat(node.isObject()).as("an object: " + node).isTrue();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("a list: " + array).isTrue();
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    private static List<String> typeIds(Class<?> sealed) {
        return records(sealed).stream().map(AsyncApiTest::typeId).collect(Collectors.toList());
    }

    /** The type clients see: the record's name without "Frame", as {@link FrameJson} writes it. */
    private static String typeId(Class<?> type) {
        String name = type.getSimpleName();
        return name.endsWith("Frame") ? name.substring(0, name.length() - "Frame".length()) : name;
    }

    private static List<Class<?>> records(Class<?> type) {
        List<Class<?>> records = new ArrayList<>();
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                records.addAll(records(permitted));
            }
        } else {
            assertThat(type.isRecord()).as(type.getName()).isTrue();
            records.add(type);
        }
        return records;
    }

    /** An instance with a value in every component, null nowhere, so that every property is written. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> component = components[i].getType();
            types[i] = component;
            values[i] = value(component);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> type) throws Exception {
        if (type == UUID.class) {
            return UUID.randomUUID();
        } else if (type == String.class) {
            return "text";
        } else if (type == Instant.class) {
            return Instant.EPOCH;
        } else if (type == long.class || type == Long.class) {
            return 1L;
        } else if (type == boolean.class) {
            return true;
        } else if (type == List.class) {
            return List.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == JsonNode.class) {
            return ENVELOPE_JSON.createObjectNode();
        } else if (type.isRecord()) {
            return sample(type);
        }
        throw new IllegalArgumentException("No sample value for " + type);
    }

    private static JsonNode load() {
        try (InputStream yaml = AsyncApiTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(yaml)
                    .as("asyncapi.yaml on the class path (from the api module)")
                    .isNotNull();
            JsonNode document = new YAMLMapper().readTree(yaml);
            assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

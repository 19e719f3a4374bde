package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.frame.ConversationFrame;
import java.util.HashMap;
import java.util.Map;

/**
 * How frames and membership changes are written as JSON, for clients and across Axon Server alike:
 * {@code {"type": "MessageSent", "conversationId": ..., ...}}, the type being the record's name without "Frame".
 * With the type in the JSON, a list of frames (a page of the frame log) reads back as the records it held.
 */
public final class FrameJson {

    private FrameJson() {}

    /** The mix-ins for messages between services (Axon's serializer): every field, with the type. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("messenger-frames");
        module.setMixInAnnotation(ConversationFrame.class, Typed.class);
        module.setMixInAnnotation(UserNotification.class, Typed.class);
        return module;
    }

    /**
     * The mix-ins for clients: the same, but a notification leaves out the user it is for, who is the only one
     * to receive it: {@code {type, conversationId, title}}.
     */
    public static SimpleModule clientModule() {
        SimpleModule module = new SimpleModule("messenger-client-frames");
        module.setMixInAnnotation(ConversationFrame.class, Typed.class);
        module.setMixInAnnotation(UserNotification.class, TypedChange.class);
        return module;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonTypeIdResolver(RecordNames.class)
    interface Typed {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonTypeIdResolver(RecordNames.class)
    @JsonIgnoreProperties(value = "userId", allowSetters = true)
    interface TypedChange {}

    /** Type ids from the names of the sealed hierarchies' records, and back. */
    static final class RecordNames extends TypeIdResolverBase {

        private static final Map<String, Class<?>> BY_NAME = new HashMap<>();

        static {
            register(ConversationFrame.class);
            register(UserNotification.class);
        }

        private static void register(Class<?> type) {
            if (type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    register(permitted);
                }
            } else {
                BY_NAME.put(name(type), type);
            }
        }

        static String name(Class<?> type) {
            String name = type.getSimpleName();
            return name.endsWith("Frame") ? name.substring(0, name.length() - "Frame".length()) : name;
        }

        @Override
        public String idFromValue(Object value) {
            return name(value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> suggestedType) {
            return name(value == null ? suggestedType : value.getClass());
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            Class<?> type = BY_NAME.get(id);
            return type == null ? null : context.constructType(type);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}

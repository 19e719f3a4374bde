package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Who is online, never stored: {@code PresenceChanged} goes to the conversations of a user whose first session
 * opens or whose last session closes, and a new subscriber is told which members are online right now.
 */
@Component
class Presence {

    static final String TYPE = "PresenceChanged";

    private final ConversationRelays relays;
    private final Sessions sessions;
    private final ObjectProvider<MessageChannel> clientOutbound;
    private final ObjectMapper json;

    Presence(
            ConversationRelays relays,
            Sessions sessions,
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            ObjectMapper json) {
        this.relays = relays;
        this.sessions = sessions;
        this.clientOutbound = clientOutbound;
        this.json = json;
    }

    void cameOnline(Caller caller) {
        announce(caller, true);
    }

    void wentOffline(Caller caller) {
        announce(caller, false);
    }

    /** Tells one new subscription, and no one else, which members are online. */
    void showOnlineMembers(String sessionId, String subscriptionId, UUID conversationId) {
        for (UUID member : relays.members(conversationId)) {
            if (!sessions.online(member)) {
                continue;
            }
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", TYPE);
            frame.put("conversationId", conversationId);
            frame.putAll(fields(member, null, true));
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionId(sessionId);
            headers.setSubscriptionId(subscriptionId);
            headers.setDestination(ConversationRelays.TOPIC + conversationId);
            headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
            headers.setLeaveMutable(true);
            clientOutbound.getObject().send(MessageBuilder.createMessage(bytes(frame), headers.getMessageHeaders()));
        }
    }

    private void announce(Caller caller, boolean online) {
        for (UUID conversationId : relays.watchedWith(caller.userId())) {
            relays.publish(conversationId, TYPE, fields(caller.userId(), caller.nickname(), online));
        }
    }

    private static Map<String, Object> fields(UUID userId, String nickname, boolean online) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userId", userId);
        if (nickname != null) {
            fields.put("nickname", nickname);
        }
        fields.put("online", online);
        return fields;
    }

    private byte[] bytes(Map<String, Object> frame) {
        try {
            return json.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

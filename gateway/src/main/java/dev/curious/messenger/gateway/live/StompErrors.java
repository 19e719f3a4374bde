package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers a rejected SEND on the sender's own session at {@code /user/queue/errors}:
 * {@code {type: "Error", status, title, detail, code, destination, clientMessageId?}}, with the statuses of REST.
 */
@Component
class StompErrors {

    static final String QUEUE = "/queue/errors";

    private final ObjectProvider<SimpMessagingTemplate> broker;
    private final ObjectMapper json;

    StompErrors(ObjectProvider<SimpMessagingTemplate> broker, ObjectMapper json) {
        this.broker = broker;
        this.json = json;
    }

    void send(String user, String sessionId, Rejection rejection, String destination, byte[] body) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "Error");
        error.put("status", rejection.status());
        error.put("title", rejection.title());
        error.put("detail", rejection.detail());
        error.put("code", rejection.code());
        error.put("destination", destination);
        String clientMessageId = clientMessageId(body);
        if (clientMessageId != null) {
            error.put("clientMessageId", clientMessageId);
        }
        if (!rejection.violations().isEmpty()) {
            error.put("violations", rejection.violations());
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        // With the session id, the user destination resolves to this session only.
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        broker.getObject().convertAndSendToUser(user, QUEUE, error, headers.getMessageHeaders());
    }

    /** The {@code clientMessageId} of a SEND's JSON body, when it has one. */
    private String clientMessageId(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode id = json.readTree(body).get("clientMessageId");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}

package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Rejection;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Answers a refused CONNECT or SUBSCRIBE with an ERROR frame, and a rejected SEND on the sender's own session at {@code /user/queue/errors}:
 * {@code {type: "Error", status, title, detail, code, destination, clientMessageId?}}, with the statuses of REST.
 */
@Component
class StompErrors {

    static final String QUEUE = "/queue/errors";

    private static final StompEncoder ENCODER = new StompEncoder();

    private final ObjectProvider<SimpMessagingTemplate> broker;
    private final ConnectionWatch watch;
    private final ObjectProvider<MessageChannel> clientOutbound;
    private final ObjectMapper json;

    StompErrors(
            ObjectProvider<SimpMessagingTemplate> broker,
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            ConnectionWatch watch,
            ObjectMapper json) {
        this.broker = broker;
        this.watch = watch;
        this.clientOutbound = clientOutbound;
        this.json = json;
    }

    /** Answers a refused frame with an ERROR frame, after which the connection closes. */
    void refuse(String sessionId, Rejection rejection, String receipt) {
        Message<byte[]> error = errorFrame(rejection, sessionId, receipt);
        if (!watch.refuse(sessionId, ENCODER.encode(error))) {
            clientOutbound.getObject().send(error);
        }
    }

    /** An ERROR frame with the problem as its JSON body: {@code {type: "Error", status, title, detail, code}}. */
    Message<byte[]> errorFrame(Rejection rejection, String sessionId, String receipt) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
        headers.setMessage(rejection.title() + ": " + rejection.detail());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (sessionId != null) {
            headers.setSessionId(sessionId);
        }
        if (receipt != null) {
            headers.setReceiptId(receipt);
        }
        headers.setLeaveMutable(true);
        Map<String, Object> body = problem(rejection);
        putOldestFrameSeq(body, rejection);
        try {
            return MessageBuilder.createMessage(json.writeValueAsBytes(body), headers.getMessageHeaders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void send(String user, String sessionId, Rejection rejection, String destination, byte[] body) {
        Map<String, Object> error = problem(rejection);
        error.put("destination", destination);
        String clientMessageId = clientMessageId(body);
        if (clientMessageId != null) {
            error.put("clientMessageId", clientMessageId);
        }
        if (!rejection.violations().isEmpty()) {
            error.put("violations", rejection.violations());
        }
        putOldestFrameSeq(error, rejection);
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        // With the session id, the user destination resolves to this session only.
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        broker.getObject().convertAndSendToUser(user, QUEUE, error, headers.getMessageHeaders());
    }

    /** What every error says: {@code {type: "Error", status, title, detail, code}}. */
    private static Map<String, Object> problem(Rejection rejection) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "Error");
        problem.put("status", rejection.status());
        problem.put("title", rejection.title());
        problem.put("detail", rejection.detail());
        problem.put("code", rejection.code());
        return problem;
    }

    private static void putOldestFrameSeq(Map<String, Object> problem, Rejection rejection) {
        if (rejection.oldestFrameSeq() != null) {
            problem.put("oldestFrameSeq", rejection.oldestFrameSeq());
        }
    }

    /** The {@code clientMessageId} of a SEND's JSON body, when it has one. */
    private String clientMessageId(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode id = json.readTree(body).get("clientMessageId");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

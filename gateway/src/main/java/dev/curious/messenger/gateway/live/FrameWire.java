package dev.curious.messenger.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.api.frame.ConversationFrame;
import java.util.UUID;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * What the live path writes to a client itself, past the broker: a conversation's frames as JSON MESSAGEs of its
 * topic, and RECEIPTs. Both go through the session's ordered channel, so they leave in the order they were sent.
 */
@Component
class FrameWire {

    static final String TOPIC = "/topic/conversations/";

    private static final byte[] EMPTY = new byte[0];

    private final ObjectMapper json;

    FrameWire(ObjectMapper json) {
        this.json = json;
    }

    /** A frame as its JSON body, written once for all subscribers. */
    byte[] bytes(ConversationFrame frame) {
        try {
            return json.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write frame " + frame, e);
        }
    }

    /** Sends one frame to one subscription, in order with everything else that session receives. */
    void send(LiveSession session, String subscriptionId, UUID conversationId, byte[] body) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(session.id());
        headers.setSubscriptionId(subscriptionId);
        headers.setDestination(TOPIC + conversationId);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        write(session, MessageBuilder.createMessage(body, headers.getMessageHeaders()));
    }

    /** Answers a frame's {@code receipt} header: everything sent to the session before it has left first. */
    void receipt(LiveSession session, String receipt) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.RECEIPT);
        headers.setSessionId(session.id());
        headers.setReceiptId(receipt);
        headers.setLeaveMutable(true);
        write(session, MessageBuilder.createMessage(EMPTY, headers.getMessageHeaders()));
    }

    private static void write(LiveSession session, Message<byte[]> message) {
        session.outbound().ifPresent(channel -> channel.send(message));
    }
}

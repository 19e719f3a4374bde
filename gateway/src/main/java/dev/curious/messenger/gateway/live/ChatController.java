package dev.curious.messenger.gateway.live;

import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.PublishFrame;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.frame.TypingFrame;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.message.Messaging;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionException;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.MethodArgumentTypeMismatchException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** The contract's SEND destinations: each becomes the same command as its REST call, or a Typing frame. */
@Controller
class ChatController {

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);
    private static final String SESSION = SimpMessageHeaderAccessor.SESSION_ID_HEADER;

    record NewMessage(String content, String clientMessageId, UUID replyTo) {}

    record Edit(String content) {}

    record Seen(UUID messageId) {}

    record Reaction(String emojiKey, String action) {}

    private final Messaging messaging;
    private final Queries queries;
    private final CommandGateway commands;
    private final ConversationRelays relays;
    private final Sessions sessions;
    private final StompErrors errors;
    private final long typingIntervalNanos;
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

    ChatController(
            Messaging messaging,
            Queries queries,
            CommandGateway commands,
            ConversationRelays relays,
            Sessions sessions,
            StompErrors errors,
            GatewayProperties properties) {
        this.messaging = messaging;
        this.queries = queries;
        this.commands = commands;
        this.relays = relays;
        this.sessions = sessions;
        this.errors = errors;
        this.typingIntervalNanos = properties.typingInterval().toNanos();
    }

    /** Accepted messages come back to everyone, the sender included, as MessageSent with the clientMessageId. */
    @MessageMapping("/conversations/{id}/messages")
    void send(@DestinationVariable UUID id, @Payload NewMessage body, @Header(SESSION) String sessionId) {
        messaging.send(caller(sessionId), id, body.content(), body.clientMessageId(), body.replyTo());
    }

    @MessageMapping("/messages/{messageId}/edit")
    void edit(@DestinationVariable UUID messageId, @Payload Edit body, @Header(SESSION) String sessionId) {
        messaging.edit(caller(sessionId), messageId, body.content());
    }

    @MessageMapping("/messages/{messageId}/delete")
    void delete(@DestinationVariable UUID messageId, @Header(SESSION) String sessionId) {
        messaging.delete(caller(sessionId), messageId);
    }

    @MessageMapping("/conversations/{id}/seen")
    void seen(@DestinationVariable UUID id, @Payload Seen body, @Header(SESSION) String sessionId) {
        messaging.markSeen(caller(sessionId), id, body.messageId());
    }

    @MessageMapping("/messages/{messageId}/reactions")
    void react(@DestinationVariable UUID messageId, @Payload Reaction body, @Header(SESSION) String sessionId) {
        boolean add;
        if ("add".equals(body.action())) {
            add = true;
        } else if ("remove".equals(body.action())) {
            add = false;
        } else {
            throw Rejection.invalid("action", "action is \"add\" or \"remove\"");
        }
        messaging.react(caller(sessionId), messageId, body.emojiKey(), add);
    }

    /** At most one Typing frame per user and conversation per interval; the rest are dropped quietly. */
    @MessageMapping("/conversations/{id}/typing")
    void typing(@DestinationVariable UUID id, @Header(SESSION) String sessionId) {
        Caller caller = caller(sessionId);
        boolean member = relays.knownMember(id, caller.userId())
                .orElseGet(() -> queries.optional(
                                new FindConversationQuery(id, caller.userId()), ConversationDetails.class)
                        .isPresent());
        if (!member) {
            throw Rejection.notFound(ErrorCode.NOT_A_MEMBER, "You are not a member of conversation " + id);
        }
        long now = System.nanoTime();
        Long previous = lastTyping.put(caller.userId() + "/" + id, now);
        if (previous != null && now - previous < typingIntervalNanos) {
            lastTyping.put(caller.userId() + "/" + id, previous);
            return;
        }
        if (lastTyping.size() > 100_000) {
            lastTyping.clear();
        }
        // Through the query side, like every frame, so that subscribers on every gateway node get it.
        commands.send(new PublishFrame(new TypingFrame(id, caller.userId(), caller.nickname())));
    }

    @MessageExceptionHandler
    void refused(Exception failure, Message<byte[]> message, Principal user) {
        Rejection rejection;
        if (failure instanceof Rejection refused) {
            rejection = refused;
        } else if (failure instanceof MessageConversionException
                || failure instanceof MethodArgumentTypeMismatchException
                || failure instanceof MethodArgumentResolutionException
                || failure instanceof ConversionException) {
            rejection = Rejection.malformed("The frame's body or destination is not what this destination expects");
        } else {
            log.error("A SEND failed", failure);
            rejection = Rejection.unavailable("The frame could not be handled; it is logged on the server");
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        errors.send(user.getName(), headers.getSessionId(), rejection, headers.getDestination(), message.getPayload());
    }

    /** The session's caller, with this frame's correlation id. */
    private Caller caller(String sessionId) {
        return sessions.get(sessionId)
                .flatMap(LiveSession::callerForFrame)
                .orElseThrow(() -> Rejection.unauthenticated("CONNECT first"));
    }
}

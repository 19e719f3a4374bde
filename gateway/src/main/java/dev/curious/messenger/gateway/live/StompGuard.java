package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Rejection;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Every client frame passes here first. Only the commands a client may send pass (a client's MESSAGE would
 * otherwise reach every subscriber of its destination); a frame after the token expired ends the connection; CONNECT
 * goes to {@link SessionLifecycle}, SUBSCRIBE and UNSUBSCRIBE to {@link SubscriptionGate}; SEND only to {@code /app}
 * destinations and within the session's rate. A refused CONNECT or SUBSCRIBE is answered with an ERROR frame (which
 * closes the connection, as STOMP has it); a refused SEND with an error on {@code /user/queue/errors}.
 */
@Component
class StompGuard implements ExecutorChannelInterceptor {

    /** What the contract lets a client send; everything else is the server's to send. */
    private static final Set<StompCommand> CLIENT_COMMANDS = EnumSet.of(
            StompCommand.CONNECT,
            StompCommand.STOMP,
            StompCommand.SEND,
            StompCommand.SUBSCRIBE,
            StompCommand.UNSUBSCRIBE,
            StompCommand.ACK,
            StompCommand.NACK,
            StompCommand.BEGIN,
            StompCommand.COMMIT,
            StompCommand.ABORT,
            StompCommand.DISCONNECT);

    private final Sessions sessions;
    private final SessionLifecycle lifecycle;
    private final SubscriptionGate subscriptions;
    private final StompErrors errors;
    private final FrameWire wire;

    StompGuard(
            Sessions sessions,
            SessionLifecycle lifecycle,
            SubscriptionGate subscriptions,
            StompErrors errors,
            FrameWire wire) {
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.subscriptions = subscriptions;
        this.errors = errors;
        this.wire = wire;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null) {
            return message; // not a client frame: every decoded frame carries STOMP headers
        }
        String sessionId = stomp.getSessionId();
        try {
            StompCommand command = stomp.getCommand();
            if (command == null) {
                if (stomp.getMessageType() == SimpMessageType.HEARTBEAT) {
                    return message;
                }
                throw Rejection.frameNotAllowed("A frame needs a STOMP command");
            }
            // Decided on the STOMP command: Spring gives a client's MESSAGE the message type of a SEND.
            if (!CLIENT_COMMANDS.contains(command)) {
                throw Rejection.frameNotAllowed("Clients may send " + CLIENT_COMMANDS + " frames, not " + command);
            }
            if (command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) {
                requireUnexpired(sessionId);
            }
            switch (command) {
                case CONNECT, STOMP -> lifecycle.connect(stomp, sessionId);
                case SUBSCRIBE -> {
                    LiveSession session = connected(sessionId);
                    return subscriptions.subscribe(session, caller(session), stomp) ? message : null;
                }
                case UNSUBSCRIBE ->
                    sessions.get(sessionId)
                            .ifPresent(session -> subscriptions.unsubscribe(session, stomp.getSubscriptionId()));
                case SEND -> {
                    return admitSend(message, stomp, sessionId) ? message : null;
                }
                default -> {}
            }
            return message;
        } catch (Rejection refused) {
            // Answered here rather than thrown: the frame goes no further and the client gets the problem.
            errors.refuse(sessionId, refused, stomp.getReceipt());
            return null;
        }
    }

    /**
     * The broker has no receipts: a SUBSCRIBE to the caller's own queues is answered once the user destination
     * handler has handed it to the broker (the broker channel is synchronous), so the subscription is registered.
     */
    @Override
    public void afterMessageHandled(
            Message<?> message, MessageChannel channel, MessageHandler handler, Exception failure) {
        if (failure != null || !(handler instanceof UserDestinationMessageHandler)) {
            return;
        }
        StompHeaderAccessor stomp = StompHeaderAccessor.wrap(message);
        if (stomp.getCommand() == StompCommand.SUBSCRIBE && stomp.getReceipt() != null) {
            sessions.get(stomp.getSessionId()).ifPresent(session -> wire.receipt(session, stomp.getReceipt()));
        }
    }

    private boolean admitSend(Message<?> message, StompHeaderAccessor stomp, String sessionId) {
        String destination = stomp.getDestination();
        Rejection refused = null;
        if (destination == null || !destination.startsWith("/app/")) {
            refused = Rejection.forbidden("Clients send to /app/... destinations only, not " + destination);
        } else if (!connected(sessionId).trySend()) {
            refused = Rejection.rateLimited("Too many frames: slow down and send again");
        }
        if (refused == null) {
            return true;
        }
        errors.send(userName(stomp), sessionId, refused, destination, (byte[]) message.getPayload());
        return false;
    }

    private LiveSession connected(String sessionId) {
        return sessions.get(sessionId)
                .filter(LiveSession::isConnected)
                .orElseThrow(() -> Rejection.unauthenticated("CONNECT first"));
    }

    private static Caller caller(LiveSession session) {
        return session.callerForFrame().orElseThrow(() -> Rejection.unauthenticated("CONNECT first"));
    }

    /** A connection lives longer than its token: once the token expires, the next frame ends it. */
    private void requireUnexpired(String sessionId) {
        if (sessions.get(sessionId).filter(LiveSession::tokenExpired).isPresent()) {
            throw Rejection.unauthenticated("The token expired: sign in and connect again");
        }
    }

    private static String userName(StompHeaderAccessor stomp) {
        Principal user = stomp.getUser();
        if (user == null) {
            throw Rejection.unauthenticated("CONNECT first");
        }
        return user.getName();
    }
}

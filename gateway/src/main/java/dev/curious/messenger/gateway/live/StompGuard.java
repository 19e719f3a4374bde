package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.AuditTrail;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.RateLimiter;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.security.BearerAuthentication;
import dev.curious.messenger.gateway.security.Tokens;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Every client frame passes here first. Only the commands a client may send pass (a client's MESSAGE would
 * otherwise reach every subscriber of its destination); CONNECT needs a valid bearer token; SUBSCRIBE is allowed to
 * a conversation's topic for its members and to the caller's own queues, nothing else, up to the session's limit;
 * SEND only to {@code /app} destinations and within the session's rate. A refused CONNECT or SUBSCRIBE is answered with an ERROR frame
 * (which closes the connection, as STOMP has it); a refused SEND with an error on {@code /user/queue/errors}.
 */
@Component
class StompGuard implements ChannelInterceptor {

    private static final Pattern CONVERSATION_TOPIC =
            Pattern.compile(Pattern.quote(ConversationRelays.TOPIC) + "([0-9a-fA-F-]{36})");
    private static final Set<String> OWN_QUEUES = Set.of("/user/queue/errors", "/user/queue/notifications");
    private static final Pattern HEARTBEAT = Pattern.compile("\\d{1,9},\\d{1,9}");
    private static final Set<String> STOMP_VERSIONS = Set.of("1.0", "1.1", "1.2");
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

    private final BearerAuthentication bearer;
    private final Sessions sessions;
    private final ConversationRelays relays;
    private final Presence presence;
    private final StompErrors errors;
    private final AuditTrail auditTrail;
    private final RateLimiter sends;
    private final ConnectionWatch watch;
    private final int maxSubscriptions;
    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

    StompGuard(
            BearerAuthentication bearer,
            Sessions sessions,
            ConversationRelays relays,
            Presence presence,
            StompErrors errors,
            AuditTrail auditTrail,
            ConnectionWatch watch,
            GatewayProperties properties) {
        this.bearer = bearer;
        this.sessions = sessions;
        this.relays = relays;
        this.presence = presence;
        this.errors = errors;
        this.auditTrail = auditTrail;
        this.sends = new RateLimiter(properties.sends());
        this.watch = watch;
        this.maxSubscriptions = properties.maxSubscriptions();
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
                requireUnexpired(stomp);
            }
            switch (command) {
                case CONNECT, STOMP -> connect(stomp, sessionId);
                case SUBSCRIBE -> {
                    return subscribe(stomp, sessionId) ? message : null;
                }
                case UNSUBSCRIBE -> unsubscribe(stomp, sessionId);
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

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        subscriptions.remove(event.getSessionId());
        relays.disconnected(event.getSessionId());
        sends.forget(event.getSessionId());
        sessions.closed(event.getSessionId()).ifPresent(presence::wentOffline);
    }

    private void connect(StompHeaderAccessor stomp, String sessionId) {
        String heartbeat = stomp.getFirstNativeHeader(StompHeaderAccessor.STOMP_HEARTBEAT_HEADER);
        if (heartbeat != null && !HEARTBEAT.matcher(heartbeat).matches()) {
            throw Rejection.malformed("heart-beat is two numbers of milliseconds, cx,cy: not " + heartbeat);
        }
        Set<String> versions = stomp.getAcceptVersion();
        if (!versions.isEmpty() && versions.stream().noneMatch(STOMP_VERSIONS::contains)) {
            throw Rejection.malformed("This server speaks STOMP " + STOMP_VERSIONS + ", not " + versions);
        }
        JwtAuthenticationToken user;
        try {
            user = (JwtAuthenticationToken) bearer.authenticate(stomp.getFirstNativeHeader("Authorization"));
        } catch (AuthenticationException e) {
            throw Rejection.unauthenticated("A valid token is required: " + e.getMessage());
        }
        stomp.setUser(user);
        watch.connected(sessionId, stomp.getHeartbeat());
        Caller caller = Tokens.caller(user.getToken(), sessionId);
        if (sessions.opened(sessionId, caller)) {
            presence.cameOnline(caller);
        }
    }

    /** Admits the subscription; true when the broker is to deliver to it (the caller's own queues). */
    private boolean subscribe(StompHeaderAccessor stomp, String sessionId) {
        String destination = stomp.getDestination();
        Caller caller = caller(stomp);
        Set<String> held = subscriptions.computeIfAbsent(sessionId, s -> ConcurrentHashMap.newKeySet());
        if (!held.contains(stomp.getSubscriptionId()) && held.size() >= maxSubscriptions) {
            throw Rejection.subscriptionLimit(
                    "A session holds at most " + maxSubscriptions + " subscriptions: unsubscribe first");
        }
        Matcher topic = destination == null ? null : CONVERSATION_TOPIC.matcher(destination);
        if (topic != null && topic.matches()) {
            UUID conversationId = UUID.fromString(topic.group(1));
            Long since = since(stomp);
            try {
                relays.subscribe(sessionId, stomp.getSubscriptionId(), caller.userId(), conversationId, since);
            } catch (Rejection refused) {
                auditTrail.record(caller, "Subscribe", conversationId, null, refused.code());
                throw refused;
            }
            held.add(stomp.getSubscriptionId());
            presence.showOnlineMembers(sessionId, stomp.getSubscriptionId(), conversationId);
            return false; // the relay delivers a conversation's frames itself, in frameSeq order
        }
        if (destination == null || !OWN_QUEUES.contains(destination)) {
            throw Rejection.forbidden("Subscribe to /topic/conversations/{id}, /user/queue/errors or"
                    + " /user/queue/notifications, not " + destination);
        }
        held.add(stomp.getSubscriptionId());
        return true;
    }

    /** The {@code since} header of a resuming SUBSCRIBE: the last frameSeq the client has; null when absent. */
    private static Long since(StompHeaderAccessor stomp) {
        String since = stomp.getFirstNativeHeader("since");
        if (since == null) {
            return null;
        }
        try {
            long position = Long.parseLong(since.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw Rejection.invalid("since", "since is the last frameSeq received, 0 or more: not " + since);
    }

    private void unsubscribe(StompHeaderAccessor stomp, String sessionId) {
        Set<String> held = subscriptions.get(sessionId);
        if (held != null) {
            held.remove(stomp.getSubscriptionId());
        }
        relays.unsubscribe(sessionId, stomp.getSubscriptionId());
    }

    private boolean admitSend(Message<?> message, StompHeaderAccessor stomp, String sessionId) {
        String destination = stomp.getDestination();
        Rejection refused = null;
        if (destination == null || !destination.startsWith("/app/")) {
            refused = Rejection.forbidden("Clients send to /app/... destinations only, not " + destination);
        } else if (!sends.tryAcquire(sessionId)) {
            refused = Rejection.rateLimited("Too many frames: slow down and send again");
        }
        if (refused == null) {
            return true;
        }
        errors.send(userName(stomp), sessionId, refused, destination, (byte[]) message.getPayload());
        return false;
    }

    /** A connection lives longer than its token: once the token expires, the next frame ends it. */
    private static void requireUnexpired(StompHeaderAccessor stomp) {
        if (stomp.getUser() instanceof JwtAuthenticationToken token
                && token.getToken().getExpiresAt() != null
                && token.getToken().getExpiresAt().isBefore(Instant.now())) {
            throw Rejection.unauthenticated("The token expired: sign in and connect again");
        }
    }

    private static Caller caller(StompHeaderAccessor stomp) {
        if (stomp.getUser() instanceof JwtAuthenticationToken token) {
            return Tokens.caller(token.getToken(), UUID.randomUUID().toString());
        }
        throw Rejection.unauthenticated("CONNECT first");
    }

    private static String userName(StompHeaderAccessor stomp) {
        Principal user = stomp.getUser();
        if (user == null) {
            throw Rejection.unauthenticated("CONNECT first");
        }
        return user.getName();
    }
}

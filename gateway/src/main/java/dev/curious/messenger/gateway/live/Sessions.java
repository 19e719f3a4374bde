package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.GatewayProperties;
import dev.curious.messenger.gateway.RateLimiter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open sessions of this gateway, the one owner of every {@link LiveSession}: a session is added when its
 * WebSocket opens and removed in {@link #close}, and nothing else on the live path keeps state per session.
 */
@Component
class Sessions {

    private static final Log log = LogFactory.getLog(Sessions.class);

    /** A session just removed, and whether it was its user's last one on this node. */
    record Closed(LiveSession session, boolean lastOfUser) {}

    private final Map<String, LiveSession> open = new ConcurrentHashMap<>();
    /** An index over {@link #open} by user, for presence and notifications. */
    private final Map<UUID, Set<String>> byUser = new ConcurrentHashMap<>();

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final GatewayProperties properties;

    Sessions(
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            GatewayProperties properties) {
        this.clientOutbound = clientOutbound;
        this.properties = properties;
    }

    /** A new WebSocket, not yet a STOMP session: it has its CONNECT to send. */
    LiveSession open(WebSocketSession socket) {
        LiveSession session = new LiveSession(socket.getId(), socket, RateLimiter.bucket(properties.sends()));
        open.put(session.id(), session);
        return session;
    }

    /** A valid CONNECT with a token valid until {@code expiresAt}; true when it is the user's first open session here. */
    boolean connected(LiveSession session, Caller caller, long silenceAllowedNanos, Instant expiresAt) {
        MessageChannel outbound = clientOutbound.getObject();
        // The decorator waits for each message to be handled before the next: the channel must report that.
        OrderedMessageChannelDecorator.configureInterceptor(outbound, true);
        session.connected(caller, new OrderedMessageChannelDecorator(outbound, log), silenceAllowedNanos, expiresAt);
        boolean[] first = {false};
        byUser.compute(caller.userId(), (user, sessions) -> {
            Set<String> ids = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            first[0] = ids.isEmpty();
            ids.add(session.id());
            return ids;
        });
        if (open.get(session.id()) != session) {
            // Closed while it was connecting: its close found nothing to take out of the index.
            close(session);
            return false;
        }
        return first[0];
    }

    /** Removes the session; empty when it was removed before (a close is reported more than once). */
    Optional<Closed> close(String sessionId) {
        LiveSession session = sessionId == null ? null : open.remove(sessionId);
        return session == null ? Optional.empty() : Optional.of(close(session));
    }

    private Closed close(LiveSession session) {
        String sessionId = session.id();
        boolean[] last = {false};
        session.caller()
                .ifPresent(caller -> byUser.computeIfPresent(caller.userId(), (user, ids) -> {
                    ids.remove(sessionId);
                    last[0] = ids.isEmpty();
                    return last[0] ? null : ids;
                }));
        return new Closed(session, last[0]);
    }

    Optional<LiveSession> get(String sessionId) {
        return Optional.ofNullable(sessionId).map(open::get);
    }

    Optional<Caller> caller(String sessionId) {
        return get(sessionId).flatMap(LiveSession::caller);
    }

    Collection<LiveSession> all() {
        return List.copyOf(open.values());
    }

    /** The user's open sessions on this node. */
    Set<String> of(UUID userId) {
        Set<String> ids = byUser.get(userId);
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    boolean online(UUID userId) {
        return byUser.containsKey(userId);
    }
}

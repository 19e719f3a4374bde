package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.security.BearerAuthentication;
import dev.curious.messenger.gateway.security.Tokens;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * A STOMP session's beginning and end: a CONNECT that can be read and carries a valid bearer token makes the
 * WebSocket's session a user's (and the user online, if it is their first); the end, however it comes, removes the
 * session, ends its conversation subscriptions and, with the user's last session, announces them offline.
 */
@Component
class SessionLifecycle {

    private static final Pattern HEARTBEAT = Pattern.compile("\\d{1,9},\\d{1,9}");
    private static final Set<String> STOMP_VERSIONS = Set.of("1.0", "1.1", "1.2");

    /** Who a session is for, as Spring's user destinations know it: the user's id. */
    private record UserName(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    private final BearerAuthentication bearer;
    private final Sessions sessions;
    private final ConnectionWatch watch;
    private final ConversationRelays relays;
    private final Presence presence;

    SessionLifecycle(
            BearerAuthentication bearer,
            Sessions sessions,
            ConnectionWatch watch,
            ConversationRelays relays,
            Presence presence) {
        this.bearer = bearer;
        this.sessions = sessions;
        this.watch = watch;
        this.relays = relays;
        this.presence = presence;
    }

    /** Admits a CONNECT (or STOMP) frame; a {@link Rejection} for one that cannot be read or is not signed in. */
    void connect(StompHeaderAccessor stomp, String sessionId) {
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
        LiveSession session = sessions.get(sessionId).orElseThrow(() -> Rejection.malformed("The session is closed"));
        // Spring keeps the principal with the session in three places; the token's claims stay out of them.
        stomp.setUser(new UserName(user.getName()));
        Caller caller = Tokens.caller(user.getToken(), sessionId);
        Instant expiresAt = user.getToken().getExpiresAt();
        if (sessions.connected(session, caller, watch.silenceAllowed(stomp.getHeartbeat()), expiresAt)) {
            presence.cameOnline(caller);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        closed(event.getSessionId());
    }

    /**
     * The session ended: told by STOMP's disconnect event and by the WebSocket's close, whichever comes first (Spring
     * may report a disconnect more than once, and not at all for a socket that never spoke STOMP).
     */
    void closed(String sessionId) {
        sessions.close(sessionId).ifPresent(closed -> {
            relays.endAll(closed.session());
            if (closed.lastOfUser()) {
                closed.session().caller().ifPresent(presence::wentOffline);
            }
        });
    }
}

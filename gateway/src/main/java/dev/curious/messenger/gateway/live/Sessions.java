package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
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

/**
 * The open STOMP sessions of this gateway, whose they are, and each one's ordered channel to its client: what the
 * gateway sends a session through it leaves in the order it was sent.
 */
@Component
class Sessions {

    private static final Log log = LogFactory.getLog(Sessions.class);

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> byUser = new ConcurrentHashMap<>();
    private final Map<String, MessageChannel> channels = new ConcurrentHashMap<>();
    private final ObjectProvider<MessageChannel> clientOutbound;

    Sessions(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    /** Records a session; true when it is the user's first open one. */
    boolean opened(String sessionId, Caller caller) {
        MessageChannel outbound = clientOutbound.getObject();
        // The decorator waits for each message to be handled before the next: the channel must report that.
        OrderedMessageChannelDecorator.configureInterceptor(outbound, true);
        channels.put(sessionId, new OrderedMessageChannelDecorator(outbound, log));
        callers.put(sessionId, caller);
        boolean[] first = {false};
        byUser.compute(caller.userId(), (user, sessions) -> {
            Set<String> open = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            first[0] = open.isEmpty();
            open.add(sessionId);
            return open;
        });
        return first[0];
    }

    /** Forgets a session; the caller it was for when it was the user's last one. */
    Optional<Caller> closed(String sessionId) {
        channels.remove(sessionId);
        Caller caller = callers.remove(sessionId);
        if (caller == null) {
            return Optional.empty();
        }
        boolean[] last = {false};
        byUser.computeIfPresent(caller.userId(), (user, sessions) -> {
            sessions.remove(sessionId);
            last[0] = sessions.isEmpty();
            return last[0] ? null : sessions;
        });
        return last[0] ? Optional.of(caller) : Optional.empty();
    }

    /** The session's ordered channel to its client, while it is open. */
    Optional<MessageChannel> channel(String sessionId) {
        return Optional.ofNullable(sessionId).map(channels::get);
    }

    Optional<Caller> caller(String sessionId) {
        return Optional.ofNullable(sessionId).map(callers::get);
    }

    /** The user's open sessions on this node. */
    Set<String> of(UUID userId) {
        Set<String> open = byUser.get(userId);
        return open == null ? Set.of() : Set.copyOf(open);
    }

    boolean online(UUID userId) {
        return byUser.containsKey(userId);
    }
}

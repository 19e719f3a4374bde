package dev.curious.messenger.gateway.live;

import dev.curious.messenger.gateway.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The open STOMP sessions of this gateway and whose they are. */
@Component
class Sessions {

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> byUser = new ConcurrentHashMap<>();

    /** Records a session; true when it is the user's first open one. */
    boolean opened(String sessionId, Caller caller) {
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

    Optional<Caller> caller(String sessionId) {
        return Optional.ofNullable(sessionId).map(callers::get);
    }

    boolean online(UUID userId) {
        return byUser.containsKey(userId);
    }
}

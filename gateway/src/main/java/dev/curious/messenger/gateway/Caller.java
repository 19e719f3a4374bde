package dev.curious.messenger.gateway;

import dev.curious.messenger.api.user.Role;
import java.util.Set;
import java.util.UUID;

/**
 * Who sent a request (no {@code userId} for the gateway itself), as their token says, and the correlation id that every message the request causes carries.
 */
public record Caller(UUID userId, String nickname, Set<Role> roles, String correlationId) {

    /** The gateway itself, acting for nobody (the admin bootstrap). */
    public static Caller system(String correlationId) {
        return new Caller(null, "system", Set.of(), correlationId);
    }

    /** The same user for another request. */
    public Caller withCorrelationId(String correlationId) {
        return new Caller(userId, nickname, roles, correlationId);
    }
}

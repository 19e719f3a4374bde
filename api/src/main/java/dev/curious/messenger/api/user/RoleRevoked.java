package dev.curious.messenger.api.user;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A role was revoked. */
@Revision("1")
public record RoleRevoked(UUID userId, Role role, UUID revokedBy) {}

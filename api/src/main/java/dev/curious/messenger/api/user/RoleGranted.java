package dev.curious.messenger.api.user;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A role was granted; {@code grantedBy} is {@code null} when the system bootstrapped it. */
@Revision("1")
public record RoleGranted(UUID userId, Role role, UUID grantedBy) {}

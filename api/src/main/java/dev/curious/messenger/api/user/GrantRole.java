package dev.curious.messenger.api.user;

import dev.curious.messenger.api.Command;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants a role; {@code actorId} must be an admin, or {@code null} for the system's own bootstrap. */
public record GrantRole(@TargetAggregateIdentifier UUID userId, Role role, UUID actorId) implements Command {}

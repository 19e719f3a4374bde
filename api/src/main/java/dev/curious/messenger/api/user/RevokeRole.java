package dev.curious.messenger.api.user;

import dev.curious.messenger.api.Command;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a role; {@code actorId} must be an admin. */
public record RevokeRole(@TargetAggregateIdentifier UUID userId, Role role, UUID actorId) implements Command {}

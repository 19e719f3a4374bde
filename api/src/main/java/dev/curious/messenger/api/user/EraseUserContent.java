package dev.curious.messenger.api.user;

import dev.curious.messenger.api.Command;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erases the content of every message the user sent, by destroying their keys; the user or an admin. */
public record EraseUserContent(@TargetAggregateIdentifier UUID userId, UUID actorId) implements Command {}

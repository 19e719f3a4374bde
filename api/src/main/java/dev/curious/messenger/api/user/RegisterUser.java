package dev.curious.messenger.api.user;

import dev.curious.messenger.api.Command;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a user under a nickname that no other user has, ignoring case; carries no credential. */
public record RegisterUser(@TargetAggregateIdentifier UUID userId, String nickname) implements Command {

    /** People register themselves. */
    @Override
    public UUID actorId() {
        return userId;
    }
}

package dev.curious.messenger.api.compliance;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erases the conversation's content that its retention says is due (the conversation decides what that is); the
 * retention job's own command. Does nothing while the conversation is on hold.
 */
public record ExpireContent(@TargetAggregateIdentifier UUID conversationId) implements ConversationCommand {

    @Override
    public UUID actorId() {
        return null;
    }
}

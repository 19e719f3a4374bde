package dev.curious.messenger.api.compliance;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Keeps the conversation's content for {@code days} (1 to 36,500) after it was written; an admin. */
public record SetRetention(@TargetAggregateIdentifier UUID conversationId, Integer days, UUID actorId)
        implements ConversationCommand {}

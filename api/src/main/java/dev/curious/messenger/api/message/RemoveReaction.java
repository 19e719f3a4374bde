package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes back the actor's reaction; removing one that is not there stores nothing. */
public record RemoveReaction(
        @TargetAggregateIdentifier UUID conversationId, UUID messageId, String emojiKey, UUID actorId)
        implements ConversationCommand {}

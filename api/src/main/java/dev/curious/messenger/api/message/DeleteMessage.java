package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a message's content, keeping its place in the sequence; its sender, or the owner as moderator. */
public record DeleteMessage(@TargetAggregateIdentifier UUID conversationId, UUID messageId, UUID actorId)
        implements ConversationCommand {}

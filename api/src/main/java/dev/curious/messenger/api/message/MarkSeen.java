package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a message, and every earlier one of the others, seen by the actor; accepted even when closed. */
public record MarkSeen(@TargetAggregateIdentifier UUID conversationId, UUID messageId, UUID actorId)
        implements ConversationCommand {}

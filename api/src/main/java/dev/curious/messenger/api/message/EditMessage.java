package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a message's content; its sender only. */
public record EditMessage(@TargetAggregateIdentifier UUID conversationId, UUID messageId, String content, UUID actorId)
        implements ConversationCommand {}

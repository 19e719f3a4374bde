package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reacts to a message with a catalog emoji; once per user, message and emoji, so a repeat stores nothing. */
public record React(@TargetAggregateIdentifier UUID conversationId, UUID messageId, String emojiKey, UUID actorId)
        implements ConversationCommand {}

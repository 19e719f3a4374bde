package dev.curious.messenger.api.message;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sends a message, answering {@code replyTo} (a message of the same conversation) when given; answered with
 * {@link MessageAccepted}. A repeated {@code clientMessageId} of the same sender answers the first message and stores
 * nothing.
 */
public record SendMessage(
        @TargetAggregateIdentifier UUID conversationId,
        UUID messageId,
        String content,
        String clientMessageId,
        UUID replyTo,
        UUID actorId)
        implements ConversationCommand {}

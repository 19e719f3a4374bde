package dev.curious.messenger.api.conversation;

import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a conversation; the actor becomes its owner and a member beside {@code memberIds}. */
public record StartConversation(
        @TargetAggregateIdentifier UUID conversationId, String title, List<UUID> memberIds, UUID actorId)
        implements ConversationCommand {}

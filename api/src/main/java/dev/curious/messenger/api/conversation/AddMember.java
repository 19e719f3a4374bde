package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a registered user to a conversation; owner only; adding a member again changes nothing. */
public record AddMember(@TargetAggregateIdentifier UUID conversationId, UUID userId, UUID actorId)
        implements ConversationCommand {}

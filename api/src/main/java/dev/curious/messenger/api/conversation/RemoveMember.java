package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a member: the owner removes anyone but themselves, a member removes themselves (leaves). */
public record RemoveMember(@TargetAggregateIdentifier UUID conversationId, UUID userId, UUID actorId)
        implements ConversationCommand {}

package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a conversation a new title; owner only. */
public record RenameConversation(@TargetAggregateIdentifier UUID conversationId, String title, UUID actorId)
        implements ConversationCommand {}

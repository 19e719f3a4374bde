package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a conversation for good; owner only. Afterwards it accepts nothing but MarkSeen. */
public record CloseConversation(@TargetAggregateIdentifier UUID conversationId, UUID actorId)
        implements ConversationCommand {}

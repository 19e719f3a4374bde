package dev.curious.messenger.api.compliance;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the conversation on legal hold; an auditor or admin. */
public record PlaceLegalHold(@TargetAggregateIdentifier UUID conversationId, String reason, UUID actorId)
        implements ConversationCommand {}

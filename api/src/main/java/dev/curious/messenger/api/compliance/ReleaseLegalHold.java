package dev.curious.messenger.api.compliance;

import dev.curious.messenger.api.conversation.ConversationCommand;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the conversation's legal hold; an auditor or admin. */
public record ReleaseLegalHold(@TargetAggregateIdentifier UUID conversationId, UUID actorId)
        implements ConversationCommand {}

package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A conversation got a new title. */
@Revision("1")
public record ConversationRenamed(UUID conversationId, String title, UUID renamedBy) {}

package dev.curious.messenger.api.message;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user reacted to a message with an emoji. */
@Revision("1")
public record ReactionAdded(UUID conversationId, UUID messageId, UUID userId, String emojiKey) {}

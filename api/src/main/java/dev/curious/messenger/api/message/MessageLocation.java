package dev.curious.messenger.api.message;

import java.util.UUID;

/**
 * Where a message lives: its conversation, and the sequences in the conversation's event stream of its
 * {@code MessageSent} and of its last edit or deletion, between which its history lies (0 and
 * {@link Long#MAX_VALUE} when the read model does not know them).
 */
public record MessageLocation(UUID messageId, UUID conversationId, long sentEventSequence, long lastEventSequence) {}

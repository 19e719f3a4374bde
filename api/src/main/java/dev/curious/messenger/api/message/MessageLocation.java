package dev.curious.messenger.api.message;

import java.util.UUID;

/**
 * Where a message lives: its conversation, and the sequence of its {@code MessageSent} in the conversation's event
 * stream (0 when the read model does not know it), where its history starts.
 */
public record MessageLocation(UUID messageId, UUID conversationId, long sentEventSequence) {}

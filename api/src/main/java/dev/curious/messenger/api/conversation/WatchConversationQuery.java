package dev.curious.messenger.api.conversation;

import java.util.UUID;

/**
 * Subscribes to a conversation's changes: the initial answer is its last sequence, the updates are
 * {@link ConversationFrame}s, each emitted only after the read model holds the change.
 */
public record WatchConversationQuery(UUID conversationId) {}

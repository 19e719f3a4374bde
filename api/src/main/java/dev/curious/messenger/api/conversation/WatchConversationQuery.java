package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.frame.ConversationFrame;
import java.util.UUID;

/**
 * Subscribes to a conversation's frames: the initial answer is the {@code frameSeq} of its last stored frame (0 when
 * none), the updates are {@link ConversationFrame}s, each emitted only after the read model holds the change.
 */
public record WatchConversationQuery(UUID conversationId) {}

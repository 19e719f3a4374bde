package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** The owner closed the conversation: nothing more is accepted in it. */
public record ConversationClosedFrame(UUID conversationId, long frameSeq, UUID closedBy, Instant closedAt)
        implements StoredFrame {}

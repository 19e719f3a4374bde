package dev.curious.messenger.api.frame;

import java.util.UUID;

/** The owner gave the conversation a new title. */
public record ConversationRenamedFrame(UUID conversationId, long frameSeq, String title, UUID renamedBy)
        implements StoredFrame {}

package dev.curious.messenger.api.frame;

import java.util.UUID;

/** A member left or was removed; the last frame of the conversation they receive. */
public record MemberRemovedFrame(UUID conversationId, long frameSeq, UUID userId, UUID removedBy)
        implements StoredFrame {}

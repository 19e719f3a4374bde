package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** Someone joined the conversation. */
public record MemberAddedFrame(
        UUID conversationId, long frameSeq, UUID userId, String nickname, boolean owner, Instant joinedAt, UUID addedBy)
        implements StoredFrame {}

package dev.curious.messenger.api.frame;

import java.util.UUID;

/** A member's first session opened or last closed, on any gateway node; never stored. */
public record PresenceChangedFrame(UUID conversationId, UUID userId, String nickname, boolean online)
        implements ConversationFrame {}

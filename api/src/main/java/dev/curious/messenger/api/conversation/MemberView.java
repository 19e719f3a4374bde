package dev.curious.messenger.api.conversation;

import java.time.Instant;
import java.util.UUID;

/** A member of a conversation. */
public record MemberView(UUID userId, String nickname, boolean owner, Instant joinedAt) {}

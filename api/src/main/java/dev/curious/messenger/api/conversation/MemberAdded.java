package dev.curious.messenger.api.conversation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user joined a conversation. */
@Revision("1")
public record MemberAdded(UUID conversationId, UUID userId, UUID addedBy, Instant joinedAt) {}

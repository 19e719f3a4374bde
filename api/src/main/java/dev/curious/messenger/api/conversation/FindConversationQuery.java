package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** One conversation with its members; empty unless {@code viewerId} is a member ({@code null}: an auditor). */
public record FindConversationQuery(UUID conversationId, UUID viewerId) {}

package dev.curious.messenger.api.frame;

import java.util.UUID;

/**
 * A conversation's stored frames after {@code after}, oldest first, at most {@code limit}; answered with a
 * {@link FramePage}, empty when the conversation is unknown or (with a viewer) the viewer is not a member.
 */
public record FindFramesQuery(UUID conversationId, UUID viewerId, long after, int limit) {}

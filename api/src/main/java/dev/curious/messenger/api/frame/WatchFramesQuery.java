package dev.curious.messenger.api.frame;

/**
 * Subscribes to the frames of every conversation, one subscription per gateway node, so that what a frame costs does
 * not depend on how many conversations the node watches. The initial answer is {@code true}; the updates are
 * {@link ConversationFrame}s, each emitted only after the read model holds the change. {@code node} names the
 * subscriber in logs and metrics.
 */
public record WatchFramesQuery(String node) {}

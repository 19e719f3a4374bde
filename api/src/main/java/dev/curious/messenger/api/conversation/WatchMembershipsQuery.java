package dev.curious.messenger.api.conversation;

/**
 * Subscribes to every user's joining and leaving of conversations, for the gateway to notify connected users: the
 * initial answer is {@code true}, the updates are {@link MembershipChange}s, each emitted after the read model holds
 * the change.
 */
public record WatchMembershipsQuery() {}

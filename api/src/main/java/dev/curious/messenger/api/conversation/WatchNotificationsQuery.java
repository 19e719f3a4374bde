package dev.curious.messenger.api.conversation;

/**
 * Subscribes to every user's notifications (joining and leaving conversations, mentions), for the gateway to notify
 * connected users: the initial answer is {@code true}, the updates are {@link UserNotification}s, each emitted after
 * the read model holds the change.
 */
public record WatchNotificationsQuery() {}

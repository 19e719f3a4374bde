package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** The user left the conversation or was removed from it. */
public record RemovedFromConversation(UUID userId, UUID conversationId, String title) implements UserNotification {}

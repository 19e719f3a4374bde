package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** The user was mentioned ({@code @nickname}) in a message of {@code by}, sent or edited in. */
public record Mentioned(UUID userId, UUID conversationId, UUID messageId, UUID by) implements UserNotification {}

package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** The user is a member now: added, or one of the members of a conversation just started. */
public record AddedToConversation(UUID userId, UUID conversationId, String title) implements UserNotification {}

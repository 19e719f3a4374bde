package dev.curious.messenger.api.conversation;

import java.util.UUID;

/**
 * A user joined or left a conversation: {@code type} is {@code AddedToConversation} (also for every member of a
 * conversation just started) or {@code RemovedFromConversation}.
 */
public record MembershipChange(String type, UUID userId, UUID conversationId, String title) {

    public static final String ADDED = "AddedToConversation";
    public static final String REMOVED = "RemovedFromConversation";
}

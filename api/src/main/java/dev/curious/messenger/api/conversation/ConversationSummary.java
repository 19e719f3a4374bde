package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.message.MessageView;
import java.util.UUID;

/** A line of a user's conversation list; {@code lastMessage} is {@code null} before the first message. */
public record ConversationSummary(
        UUID id, String title, UUID ownerId, boolean closed, long unreadCount, MessageView lastMessage) {}

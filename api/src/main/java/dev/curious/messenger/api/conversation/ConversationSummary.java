package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.message.MessageView;
import java.util.UUID;

/**
 * A line of a user's conversation list; {@code lastMessage} is {@code null} before the first message, and
 * {@code frameSeq} is the conversation's last frame this line includes (0 before any): subscribing with it as
 * {@code since} misses nothing that came after the line was read.
 */
public record ConversationSummary(
        UUID id,
        String title,
        UUID ownerId,
        boolean closed,
        long unreadCount,
        MessageView lastMessage,
        long frameSeq) {}

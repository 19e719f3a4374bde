package dev.curious.messenger.api.conversation;

import dev.curious.messenger.api.frame.ConversationFrame;

/**
 * Asks the query side to push a frame that no event stands for (Typing, PresenceChanged) to the conversation's
 * subscribers on every gateway node, the same way as the frames of stored changes; nothing is stored.
 */
public record PublishFrame(ConversationFrame frame) {}

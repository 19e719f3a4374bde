package dev.curious.messenger.api.conversation;

import java.util.Map;
import java.util.UUID;

/**
 * A change of a conversation as the contract pushes it to subscribers: {@code {type, conversationId, ...fields}},
 * {@code type} being one of the contract's frame types ({@code MessageSent}, {@code MessagesSeen}, ...).
 */
public record ConversationFrame(String type, UUID conversationId, Map<String, Object> fields) {}

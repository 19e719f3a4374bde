package dev.curious.messenger.api.frame;

import java.util.UUID;

/**
 * A frame of a conversation's topic as the contract pushes it, {@code {type, conversationId, ...}}: a change the
 * read model holds ({@link StoredFrame}, positioned by its {@code frameSeq}), or a passing signal that nothing stores
 * (typing, presence, content erased). The {@code type} clients see is the record's name without "Frame".
 */
public sealed interface ConversationFrame permits StoredFrame, TypingFrame, PresenceChangedFrame, ContentErasedFrame {

    UUID conversationId();
}

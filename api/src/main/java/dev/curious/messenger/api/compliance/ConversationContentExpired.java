package dev.curious.messenger.api.compliance;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The conversation's content written before {@code before} was erased by its retention (the keys of those days
 * destroyed): those messages, and edits, read as {@code content: null}; whoever keeps a copy drops it.
 */
@Revision("1")
public record ConversationContentExpired(UUID conversationId, Instant before, Instant expiredAt) {}

package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A message's content was replaced by its sender. Revision 2 added {@code mentions}, the members the new content
 * names; revision 3 {@code senderId}, whose key seals the content in the store (older events are upcast with no
 * mentions and no sender: they were stored in plain text). {@code content} is null once the sender's content is erased.
 */
@Revision("3")
public record MessageEdited(
        UUID conversationId, UUID messageId, String content, Instant editedAt, List<UUID> mentions, UUID senderId) {}

package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A message's content was replaced by its sender. Revision 2 added {@code mentions}, the members the new content
 * names (revision-1 events are upcast with none).
 */
@Revision("2")
public record MessageEdited(
        UUID conversationId, UUID messageId, String content, Instant editedAt, List<UUID> mentions) {}

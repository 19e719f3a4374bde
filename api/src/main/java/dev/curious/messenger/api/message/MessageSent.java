package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A message was accepted as number {@code sequence} of its conversation (1, 2, 3, ...). Revision 2 added
 * {@code format}, how {@code content} is to be read ({@value #TEXT} for every message so far); revision 3 added
 * {@code replyTo}, the message of the same conversation it answers (or null), and {@code mentions}, the members it
 * names as {@code @nickname}. Older revisions are upcast with {@value #TEXT}, no reply and no mentions.
 */
@Revision("3")
public record MessageSent(
        UUID conversationId,
        UUID messageId,
        long sequence,
        UUID senderId,
        String content,
        String clientMessageId,
        Instant sentAt,
        String format,
        UUID replyTo,
        List<UUID> mentions) {

    /** Plain text: shown as written, line breaks kept. */
    public static final String TEXT = "text";
}

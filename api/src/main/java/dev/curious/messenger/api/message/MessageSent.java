package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A message was accepted as number {@code sequence} of its conversation (1, 2, 3, ...). Revision 2 added
 * {@code format}, how {@code content} is to be read ({@value #TEXT} for every message so far); revision-1 events are
 * upcast with {@value #TEXT}.
 */
@Revision("2")
public record MessageSent(
        UUID conversationId,
        UUID messageId,
        long sequence,
        UUID senderId,
        String content,
        String clientMessageId,
        Instant sentAt,
        String format) {

    /** Plain text: shown as written, line breaks kept. */
    public static final String TEXT = "text";
}

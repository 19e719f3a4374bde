package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.frame.MessageEditedFrame;
import dev.curious.messenger.api.frame.MessageSentFrame;
import dev.curious.messenger.api.frame.StoredFrame;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The stored frames of every conversation ({@code chat_frames}): appended by the projection in the transaction that
 * writes the change, read by whoever missed some, removed once older than the retention (at least 7 days).
 */
@Component
@EnableConfigurationProperties(FrameProperties.class)
class FrameLog {

    private static final Logger log = LoggerFactory.getLogger(FrameLog.class);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration retention;

    FrameLog(JdbcClient jdbc, Serializer serializer, Clock clock, FrameProperties properties) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.retention = properties.retention();
    }

    /** Stores a frame with the change (parameters: {@link #row}); a replay finds it there and keeps it. */
    static final String INSERT_SQL = "INSERT INTO chat_frames (conversation_id, frame_seq, type, body, created_at,"
            + " message_id, reply_to) VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?) ON CONFLICT DO NOTHING";

    /**
     * Takes a deleted message's content out of its stored frames (parameter: the message id), as it is gone from the
     * rest of the read model: what was sent and every edit keep their place, without text or mentions.
     */
    static final String FORGET_CONTENT_SQL =
            "UPDATE chat_frames SET body = body || '{\"content\": null, \"mentions\": []}' WHERE message_id = ?";

    /** Shows a deleted message as deleted in the stored frames of the replies quoting it (parameter: its id). */
    static final String FORGET_QUOTES_SQL = "UPDATE chat_frames SET body = jsonb_set(body, '{replyTo}',"
            + " (body -> 'replyTo') || '{\"excerpt\": null, \"deleted\": true}') WHERE reply_to = ?";

    /** A frame's body with the message's content and mentions taken out and, in a {@code MessageSent}, erased. */
    private static final String ERASED_CONTENT =
            "jsonb_set(body || '{\"content\": null, \"mentions\": []}', '{erased}', 'true', false)";

    /**
     * The body of a frame, with its message's content erased if that message is one of {@code ids} (a CTE or table
     * of message ids); unchanged otherwise.
     */
    static String ownContentErased(String ids) {
        return "CASE WHEN message_id IN (SELECT id FROM " + ids + ") THEN " + ERASED_CONTENT + " ELSE body END";
    }

    /**
     * Erases the content in the conversation's frames of what was written before a time (parameters: the conversation,
     * the time): a message sent, or an edit made, before it.
     */
    static final String FORGET_WRITTEN_BEFORE_SQL = "UPDATE chat_frames SET body = " + ERASED_CONTENT
            + " WHERE conversation_id = ? AND message_id IS NOT NULL"
            + " AND COALESCE(body ->> 'sentAt', body ->> 'editedAt')::timestamptz < ?";

    /** The quotes of the messages of a subquery that follows lose their excerpt: erased content. */
    static final String FORGET_EXCERPTS_SQL_OF =
            "UPDATE chat_frames SET body = jsonb_set(body, '{replyTo,excerpt}', 'null') WHERE reply_to IN ";

    /** The parameters of {@link #INSERT_SQL} for the frame of a change made at {@code at}. */
    Object[] row(StoredFrame frame, Instant at) {
        SerializedObject<String> body = serializer.serialize(frame, String.class);
        UUID messageId = null;
        UUID replyTo = null;
        if (frame instanceof MessageSentFrame sent) {
            messageId = sent.id();
            replyTo = sent.replyTo() == null ? null : sent.replyTo().messageId();
        } else if (frame instanceof MessageEditedFrame edited) {
            messageId = edited.messageId();
        }
        return new Object[] {
            frame.conversationId(),
            frame.frameSeq(),
            body.getType().getName(),
            body.getData(),
            Timestamp.from(at),
            messageId,
            replyTo
        };
    }

    /** The conversation's frames after {@code after}, oldest first, at most {@code limit}. */
    List<StoredFrame> after(UUID conversationId, long after, int limit) {
        return jdbc.sql("SELECT type, body FROM chat_frames WHERE conversation_id = ? AND frame_seq > ?"
                        + " ORDER BY frame_seq LIMIT ?")
                .params(conversationId, after, limit)
                .query((row, n) -> (StoredFrame) serializer.deserialize(
                        new SimpleSerializedObject<>(row.getString(2), String.class, row.getString(1), null)))
                .list();
    }

    /** The first frame still kept, or the next to come when none is: asking for frames before it is too late. */
    long oldest(UUID conversationId) {
        return jdbc.sql("SELECT coalesce((SELECT min(frame_seq) FROM chat_frames WHERE conversation_id = :id),"
                        + " (SELECT last_frame_seq + 1 FROM chat_conversations WHERE id = :id), 1)")
                .param("id", conversationId)
                .query(Long.class)
                .single();
    }

    @Scheduled(
            fixedDelayString = "${messenger.frames.sweep-interval:1h}",
            initialDelayString = "${messenger.frames.sweep-delay:1m}")
    void forgetOld() {
        int removed = jdbc.sql("DELETE FROM chat_frames WHERE created_at < ?")
                .param(Timestamp.from(clock.instant().minus(retention)))
                .update();
        if (removed > 0) {
            log.info("Removed {} frames older than {}", removed, retention);
        }
    }
}

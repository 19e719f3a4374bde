package dev.curious.messenger.query.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL of {@link ComplianceProjection}: a conversation's retention and legal hold, erased content, and the erasures
 * a hold keeps pending ({@code chat_pending_erasures}). Queued in event order, written after the batch's own rows and
 * frames, which an erasure may reach.
 */
final class ComplianceWrites {

    /**
     * Erases the messages that {@code targets} (a CTE of {@code chat_messages} ids) holds: their content, their own
     * stored frames, and the quotes of them in replies' frames, in one statement.
     */
    private static final String ERASE_TARGETS = ", emptied AS (UPDATE chat_messages SET content = NULL,"
            + " mentions = '{}', erased = TRUE WHERE id IN (SELECT id FROM targets) AND NOT erased)"
            + " UPDATE chat_frames SET body = CASE WHEN reply_to IN (SELECT id FROM targets)"
            + " THEN jsonb_set(" + FrameLog.ownContentErased("targets") + ", '{replyTo,excerpt}', 'null')"
            + " ELSE " + FrameLog.ownContentErased("targets") + " END"
            + " WHERE message_id IN (SELECT id FROM targets) OR reply_to IN (SELECT id FROM targets)";

    /** What the user sent before the erasure (its event's {@code position}), but in the held conversations. */
    private static final String ERASE_SENDER = "WITH targets AS (SELECT id FROM chat_messages WHERE sender_id = ?"
            + " AND (position IS NULL OR position < ?) AND NOT (conversation_id = ANY (?)))" + ERASE_TARGETS;

    /**
     * What the user sent in the conversation before their erasure, once both it and the hold's release are projected
     * (in whichever order they come), unless an edit after the erasure (under a new key) replaced it.
     */
    private static final String ERASE_HELD = "WITH targets AS (SELECT m.id FROM chat_messages m"
            + " JOIN chat_pending_erasures p ON p.conversation_id = m.conversation_id AND p.user_id = m.sender_id"
            + " WHERE m.conversation_id = ? AND m.sender_id = ? AND p.released AND p.before_position IS NOT NULL"
            + " AND COALESCE(m.position, 0) < p.before_position"
            + " AND (m.edited_at IS NULL OR m.edited_at < p.erased_at))" + ERASE_TARGETS;

    /** The conversation's messages whose current content (its last edit's, or what was sent) is older than a time. */
    private static final String ERASE_EXPIRED = "WITH targets AS (SELECT id FROM chat_messages"
            + " WHERE conversation_id = ? AND COALESCE(edited_at, sent_at) < ?)" + ERASE_TARGETS;

    private static final String PENDING_ERASURE =
            "INSERT INTO chat_pending_erasures (conversation_id, user_id, before_position, erased_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id, user_id) DO UPDATE SET"
                    + " before_position = GREATEST(chat_pending_erasures.before_position,"
                    + " EXCLUDED.before_position), erased_at = GREATEST(chat_pending_erasures.erased_at,"
                    + " EXCLUDED.erased_at)";

    private static final String PENDING_RELEASED =
            "INSERT INTO chat_pending_erasures (conversation_id, user_id, released) VALUES (?, ?, TRUE)"
                    + " ON CONFLICT (conversation_id, user_id) DO UPDATE SET released = TRUE";

    private static final String PENDING_APPLIED = "DELETE FROM chat_pending_erasures WHERE conversation_id = ?"
            + " AND user_id = ? AND released AND before_position IS NOT NULL";

    private final Statements statements = new Statements();

    void erased(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations) {
        statements.add(ERASE_SENDER, senderId, position, heldConversations.toArray(UUID[]::new));
        for (UUID conversationId : heldConversations) {
            statements.add(PENDING_ERASURE, conversationId, senderId, position, Timestamp.from(erasedAt));
            applyHeld(conversationId, senderId);
        }
    }

    void released(UUID conversationId, List<UUID> erasedUsers) {
        statements.add(
                "UPDATE chat_conversations SET legal_hold_reason = NULL, legal_hold_by = NULL, legal_hold_at = NULL"
                        + " WHERE id = ?",
                conversationId);
        for (UUID userId : erasedUsers) {
            statements.add(PENDING_RELEASED, conversationId, userId);
            applyHeld(conversationId, userId);
        }
    }

    /** Applies the erasure, and forgets it, if both its event and the release are projected; else does nothing. */
    private void applyHeld(UUID conversationId, UUID userId) {
        statements.add(ERASE_HELD, conversationId, userId);
        statements.add(PENDING_APPLIED, conversationId, userId);
    }

    void expired(UUID conversationId, Instant before) {
        Timestamp at = Timestamp.from(before);
        statements.add(ERASE_EXPIRED, conversationId, at);
        // And what an edit since replaced: the frames written before it, and quotes of text sent before it.
        statements.add(FrameLog.FORGET_WRITTEN_BEFORE_SQL, conversationId, at);
        statements.add(
                FrameLog.FORGET_EXCERPTS_SQL_OF
                        + "(SELECT id FROM chat_messages WHERE conversation_id = ? AND sent_at < ?)",
                conversationId,
                at);
    }

    void held(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {
        statements.add(
                "UPDATE chat_conversations SET legal_hold_reason = ?, legal_hold_by = ?, legal_hold_at = ?"
                        + " WHERE id = ?",
                reason,
                placedBy,
                Timestamp.from(placedAt),
                conversationId);
    }

    void retention(UUID conversationId, int days) {
        statements.add("UPDATE chat_conversations SET retention_days = ? WHERE id = ?", days, conversationId);
    }

    void write(JdbcTemplate jdbc) {
        statements.write(jdbc);
    }
}

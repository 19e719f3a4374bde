package dev.curious.messenger.platform.content;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code content_keys} and {@code content_holds}, each statement in the caller's transaction. A key is in
 * use ({@code wrapped} set, {@code erase_pending_at} not), pending (both set) or destroyed ({@code wrapped} null);
 * docs/erasure.md draws the states and says which transition runs where.
 */
final class KeyStore {

    /** A key's row: {@code wrapped} is null once the key was destroyed. */
    record Row(UUID id, byte[] wrapped) {}

    private final JdbcClient jdbc;

    KeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The key in use for the scope's sender, conversation and day. */
    Optional<Row> inUse(ContentKeys.Scope scope) {
        return jdbc.sql("SELECT id, wrapped FROM content_keys WHERE user_id = ? AND conversation_id = ? AND day = ?"
                        + " AND wrapped IS NOT NULL AND erase_pending_at IS NULL")
                .params(scope.userId(), scope.conversationId(), scope.day())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .optional();
    }

    boolean isInUse(UUID keyId) {
        return jdbc.sql("SELECT 1 FROM content_keys WHERE id = ? AND wrapped IS NOT NULL AND erase_pending_at IS NULL")
                .param(keyId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * Stores a new key for the scope unless another transaction stored one first (then this waits for it on the unique
     * index and stores nothing). Until this transaction ends it holds the key's advisory lock, which {@link
     * #awaitCommitted} waits on.
     */
    void insert(UUID keyId, ContentKeys.Scope scope, byte[] wrapped, Instant createdAt) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                .param(lockOf(keyId))
                .query((rs, n) -> Boolean.TRUE)
                .single();
        jdbc.sql("INSERT INTO content_keys (id, user_id, conversation_id, day, wrapped, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(keyId, scope.userId(), scope.conversationId(), scope.day(), wrapped, Timestamp.from(createdAt))
                .update();
    }

    /** The key's row, or empty when there is none (not yet committed, or unknown to this database). */
    Optional<Row> byId(UUID keyId) {
        return jdbc.sql("SELECT id, wrapped FROM content_keys WHERE id = ?")
                .param(keyId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .optional();
    }

    /**
     * Returns once the transaction that stores this key (if one is under way) has ended: with Axon Server an event
     * can be read before the database commits the key made with it.
     */
    void awaitCommitted(UUID keyId) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)")
                .param(lockOf(keyId))
                .query((rs, n) -> Boolean.TRUE)
                .single();
    }

    private static long lockOf(UUID keyId) {
        return keyId.getMostSignificantBits() ^ keyId.getLeastSignificantBits();
    }

    /**
     * The conversations on hold, share-locked until the caller's transaction ends, so that a release ending one of
     * these holds meanwhile waits for it.
     */
    UUID[] lockedHolds() {
        return jdbc.sql("SELECT conversation_id FROM content_holds FOR KEY SHARE")
                .query(UUID.class)
                .list()
                .toArray(UUID[]::new);
    }

    /** In use → pending: the user's keys in these conversations. */
    void markPending(UUID userId, UUID[] conversationIds, Instant at) {
        jdbc.sql("UPDATE content_keys SET erase_pending_at = ? WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NULL AND conversation_id = ANY (?)")
                .params(Timestamp.from(at), userId, conversationIds)
                .update();
    }

    /** In use → destroyed: every key of the user still in use. */
    void destroyInUse(UUID userId, Instant at) {
        jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NULL")
                .params(Timestamp.from(at), userId)
                .update();
    }

    /** The conversations where the user's keys are pending. */
    List<UUID> pendingConversations(UUID userId) {
        return jdbc.sql("SELECT DISTINCT conversation_id FROM content_keys WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NOT NULL ORDER BY conversation_id")
                .param(userId)
                .query(UUID.class)
                .list();
    }

    void hold(UUID conversationId, Instant at) {
        jdbc.sql("INSERT INTO content_holds (conversation_id, placed_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(conversationId, Timestamp.from(at))
                .update();
    }

    void release(UUID conversationId) {
        jdbc.sql("DELETE FROM content_holds WHERE conversation_id = ?")
                .param(conversationId)
                .update();
    }

    /** Pending → destroyed: the conversation's pending keys; their senders, one row per key. */
    List<UUID> destroyPending(UUID conversationId, Instant at) {
        return jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE conversation_id = ?"
                        + " AND wrapped IS NOT NULL AND erase_pending_at IS NOT NULL RETURNING user_id")
                .params(Timestamp.from(at), conversationId)
                .query(UUID.class)
                .list();
    }

    /**
     * In use → destroyed: the conversation's keys of the days before {@code day}, unless it is on hold; the
     * number destroyed.
     */
    int destroyBefore(UUID conversationId, LocalDate day, Instant at) {
        return jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE conversation_id = ?"
                        + " AND day < ? AND wrapped IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM content_holds WHERE conversation_id = ?)")
                .params(Timestamp.from(at), conversationId, day, conversationId)
                .update();
    }
}

package dev.curious.messenger.platform.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The content keys ({@code content_keys}): AES-256, one in use per sender, conversation and day (UTC) of the content,
 * stored wrapped with the master key. Destroying a sender's keys erases what they wrote; destroying a conversation's
 * keys of the days before a date erases what was written there before it (retention). A conversation on legal hold
 * keeps its keys: a sender's erasure marks theirs pending, to be destroyed when the hold ends. Keys are cached for
 * {@link #CACHED} at most: a node that did not destroy a key stops reading with it within that time (the projections
 * forget it at once), and stops sealing with it at once ({@link #activeKey}).
 */
public class ContentKeys {

    /** How long a node keeps a key (or knowing it is gone) before asking the database again. */
    static final Duration CACHED = Duration.ofSeconds(10);

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A key and its id, which sealed content names. */
    record Key(UUID id, SecretKey secret) {}

    /** What one key seals: a sender's content in a conversation on a day. */
    record Scope(UUID userId, UUID conversationId, LocalDate day) {

        static Scope of(UUID userId, UUID conversationId, Instant writtenAt) {
            return new Scope(userId, conversationId, LocalDate.ofInstant(writtenAt, ZoneOffset.UTC));
        }
    }

    private final JdbcClient jdbc;
    private final SecretKey master;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<Scope, Key> active =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();
    private final Cache<UUID, Optional<SecretKey>> byId =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();

    public ContentKeys(JdbcClient jdbc, byte[] masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.master = new SecretKeySpec(Arrays.copyOf(masterKey, 32), "AES");
        this.clock = clock;
    }

    /**
     * The key in use for the scope, made here when there is none, in the transaction that stores what it seals: the
     * key and the event commit or roll back together (a second transaction per command would hold two connections,
     * and under load the pool runs dry). The key is cached only once that transaction has committed; a concurrent
     * first message waits for the other's key on the unique index and then uses it.
     *
     * <p>A cached key is used only once its row says it is still in use (one primary-key read per message): after an
     * erasure on another node (which destroys it, or marks it pending) this message gets a new key, so what is
     * acknowledged after an erasure is not sealed with a key it destroyed. (Not locked: a share lock on a row every
     * message of a sender's day reads cost a third more CPU per message and queued the 1,000 msg/s stage for
     * seconds. What remains is the moment between this read and the event's insert.)
     */
    Key activeKey(Scope scope) {
        Key cached = active.getIfPresent(scope);
        if (cached != null) {
            if (inUse(cached.id())) {
                return cached;
            }
            active.invalidate(scope);
        }
        Key key = stored(scope).orElseGet(() -> {
            jdbc.sql("INSERT INTO content_keys (id, user_id, conversation_id, day, wrapped, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(
                            UUID.randomUUID(),
                            scope.userId(),
                            scope.conversationId(),
                            scope.day(),
                            wrap(newKey()),
                            Timestamp.from(clock.instant()))
                    .update();
            return stored(scope).orElseThrow(() -> new IllegalStateException("No content key for " + scope));
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    active.put(scope, key);
                }
            });
        } else {
            active.put(scope, key);
        }
        return key;
    }

    private boolean inUse(UUID keyId) {
        return jdbc.sql("SELECT 1 FROM content_keys WHERE id = ? AND wrapped IS NOT NULL AND erase_pending_at IS NULL")
                .param(keyId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    private Optional<Key> stored(Scope scope) {
        return jdbc.sql("SELECT id, wrapped FROM content_keys WHERE user_id = ? AND conversation_id = ? AND day = ?"
                        + " AND wrapped IS NOT NULL AND erase_pending_at IS NULL")
                .params(scope.userId(), scope.conversationId(), scope.day())
                .query((rs, row) -> new Key(rs.getObject(1, UUID.class), unwrap(rs.getBytes(2))))
                .optional();
    }

    /**
     * The key with this id, or empty when it was destroyed. A key not there at all is one whose transaction has not
     * committed yet: with Axon Server the event can be read before the database commits the key made with it, so the
     * reader waits for it (and fails rather than read the content as erased).
     */
    Optional<SecretKey> key(UUID keyId) {
        return byId.get(keyId, id -> {
            for (int attempt = 0; attempt < 50; attempt++) {
                Optional<Optional<byte[]>> row = jdbc.sql("SELECT wrapped FROM content_keys WHERE id = ?")
                        .param(id)
                        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
                        .optional();
                if (row.isPresent()) {
                    return row.get().map(this::unwrap);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new IllegalStateException("No content key " + id + " in content_keys");
        });
    }

    /**
     * Erases a user, in the caller's transaction: destroys their keys but those of conversations on legal hold,
     * which become pending (destroyed by {@link #release}, sealing nothing new meanwhile). Answers the conversations
     * whose content of theirs is so kept for now.
     */
    public List<UUID> eraseUser(UUID userId) {
        Timestamp now = Timestamp.from(clock.instant());
        // Locked, so that a release ending one of these holds meanwhile waits for this erasure and then destroys the
        // keys it marks (unlocked, the release could miss them, and they would stay pending with no hold to end).
        UUID[] held = jdbc.sql("SELECT conversation_id FROM content_holds FOR KEY SHARE")
                .query(UUID.class)
                .list()
                .toArray(UUID[]::new);
        jdbc.sql("UPDATE content_keys SET erase_pending_at = ? WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NULL AND conversation_id = ANY (?)")
                .params(now, userId, held)
                .update();
        jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NULL")
                .params(now, userId)
                .update();
        forgetAll();
        return jdbc.sql("SELECT DISTINCT conversation_id FROM content_keys WHERE user_id = ? AND wrapped IS NOT NULL"
                        + " AND erase_pending_at IS NOT NULL ORDER BY conversation_id")
                .param(userId)
                .query(UUID.class)
                .list();
    }

    /** Puts the conversation's keys on hold, in the caller's transaction. */
    public void hold(UUID conversationId) {
        jdbc.sql("INSERT INTO content_holds (conversation_id, placed_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(conversationId, Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Ends the conversation's hold, in the caller's transaction: the keys of senders erased meanwhile are destroyed.
     * Answers those senders.
     */
    public List<UUID> release(UUID conversationId) {
        jdbc.sql("DELETE FROM content_holds WHERE conversation_id = ?")
                .param(conversationId)
                .update();
        List<UUID> erased = jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE conversation_id = ?"
                        + " AND wrapped IS NOT NULL AND erase_pending_at IS NOT NULL RETURNING user_id")
                .params(Timestamp.from(clock.instant()), conversationId)
                .query(UUID.class)
                .list();
        forgetAll();
        return erased.stream().distinct().sorted().toList();
    }

    /**
     * Destroys the conversation's keys of the days before {@code day} (retention), in the caller's transaction, unless
     * it is on hold; the number destroyed.
     */
    public int expire(UUID conversationId, LocalDate day) {
        int destroyed = jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE conversation_id = ?"
                        + " AND day < ? AND wrapped IS NOT NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM content_holds WHERE conversation_id = ?)")
                .params(Timestamp.from(clock.instant()), conversationId, day, conversationId)
                .update();
        forgetAll();
        return destroyed;
    }

    /**
     * Seals the content into the event's JSON: {@code content: null, sealed: {key, data}}, AES-GCM under the scope's
     * key, bound to the message id (sealed bytes moved to another message do not open).
     */
    void seal(ObjectNode json, Scope scope, UUID messageId, String content) {
        Key key = activeKey(scope);
        byte[] sealed = seal(key.secret(), content.getBytes(StandardCharsets.UTF_8), bound(messageId));
        json.putNull("content");
        ObjectNode seal = json.putObject("sealed");
        seal.put("key", key.id().toString());
        seal.put("data", Base64.getEncoder().encodeToString(sealed));
    }

    /** The content {@link #seal(ObjectNode, Scope, UUID, String)} put into {@code sealed}, or null once its key is gone. */
    String open(JsonNode sealed, UUID messageId) {
        Optional<SecretKey> key = key(UUID.fromString(sealed.get("key").asText()));
        if (key.isEmpty()) {
            return null;
        }
        byte[] plain =
                open(key.get(), Base64.getDecoder().decode(sealed.get("data").asText()), bound(messageId));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private static byte[] bound(UUID messageId) {
        return messageId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Drops every key this node keeps, so that the next read asks the database. */
    public void forgetAll() {
        active.invalidateAll();
        byId.invalidateAll();
    }

    private SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(SecretKey key) {
        return seal(master, key.getEncoded(), null);
    }

    private SecretKey unwrap(byte[] wrapped) {
        return new SecretKeySpec(open(master, wrapped, null), "AES");
    }

    /** AES-GCM: a fresh 96-bit IV, then the ciphertext with its tag; {@code bound} is authenticated, not stored. */
    byte[] seal(SecretKey key, byte[] plain, byte[] bound) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            if (bound != null) {
                cipher.updateAAD(bound);
            }
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal content", e);
        }
    }

    /** The plain bytes of {@link #seal}; fails when the key, the bytes or {@code bound} are not the sealing ones. */
    byte[] open(SecretKey key, byte[] sealed, byte[] bound) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            if (bound != null) {
                cipher.updateAAD(bound);
            }
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot open sealed content (wrong master key, or the bytes were changed)", e);
        }
    }
}

package dev.curious.messenger.platform.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The content keys ({@code content_keys}): AES-256, one in use per sender, conversation and day (UTC) of the content,
 * stored wrapped with the master key, and cached on each node for {@link #CACHED} at most: a node that did not
 * destroy a key stops reading with it within that time (the projections forget it at once), and stops sealing with it
 * at once ({@link #activeKey}). What destroys keys, and when, is {@link KeyStates}.
 */
public class ContentKeys {

    /** How long a node keeps a key (or knowing it is gone) before asking the database again. */
    static final Duration CACHED = Duration.ofSeconds(10);

    /** A key and its id, which sealed content names. */
    record Key(UUID id, ContentCipher cipher) {}

    /** What one key seals: a sender's content in a conversation on a day. */
    record Scope(UUID userId, UUID conversationId, LocalDate day) {

        static Scope of(UUID userId, UUID conversationId, Instant writtenAt) {
            return new Scope(userId, conversationId, LocalDate.ofInstant(writtenAt, ZoneOffset.UTC));
        }
    }

    /** Content as sealed: the id of its key and the sealed bytes. */
    record Sealed(UUID keyId, byte[] data) {}

    private final KeyStore store;
    private final ContentCipher master;
    private final Clock clock;
    private final Cache<Scope, Key> active =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();
    private final Cache<UUID, Optional<ContentCipher>> byId =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();

    public ContentKeys(JdbcClient jdbc, byte[] masterKey, Clock clock) {
        this.store = new KeyStore(jdbc);
        this.master = ContentCipher.aesGcm(Arrays.copyOf(masterKey, 32));
        this.clock = clock;
    }

    /** Seals the content under the scope's key, bound to the message id: sealed bytes moved to another do not open. */
    Sealed seal(Scope scope, UUID messageId, String content) {
        Key key = activeKey(scope);
        return new Sealed(key.id(), key.cipher().seal(content.getBytes(StandardCharsets.UTF_8), bound(messageId)));
    }

    /** The content {@link #seal} sealed, or null once its key is destroyed. */
    String open(UUID keyId, byte[] data, UUID messageId) {
        return key(keyId)
                .map(cipher -> new String(cipher.open(data, bound(messageId)), StandardCharsets.UTF_8))
                .orElse(null);
    }

    private static byte[] bound(UUID messageId) {
        return messageId.toString().getBytes(StandardCharsets.US_ASCII);
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
            if (store.isInUse(cached.id())) {
                return cached;
            }
            active.invalidate(scope);
        }
        Key key = store.inUse(scope).map(this::unwrap).orElseGet(() -> {
            store.insert(UUID.randomUUID(), scope, master.seal(AesGcm.newKey(), null), clock.instant());
            return store.inUse(scope)
                    .map(this::unwrap)
                    .orElseThrow(() -> new IllegalStateException("No content key for " + scope));
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

    /**
     * The key with this id, or empty when it was destroyed. A key not there at all is one whose transaction has not
     * committed yet (with Axon Server the event can be read first): the reader waits for that transaction, outside
     * the cache, and fails rather than read the content as erased when the key is still not there.
     */
    Optional<ContentCipher> key(UUID keyId) {
        Optional<ContentCipher> cached = byId.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Optional<KeyStore.Row> row = store.byId(keyId);
        if (row.isEmpty()) {
            store.awaitCommitted(keyId);
            row = store.byId(keyId);
        }
        Optional<ContentCipher> key = row.map(found -> Optional.ofNullable(found.wrapped()))
                .orElseThrow(() -> new IllegalStateException("No content key " + keyId + " in content_keys"))
                .map(wrapped -> ContentCipher.aesGcm(master.open(wrapped, null)));
        byId.put(keyId, key);
        return key;
    }

    private Key unwrap(KeyStore.Row row) {
        return new Key(row.id(), ContentCipher.aesGcm(master.open(row.wrapped(), null)));
    }

    /** Drops every key this node keeps, so that the next read asks the database. */
    public void forgetAll() {
        active.invalidateAll();
        byId.invalidateAll();
    }

    KeyStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }
}

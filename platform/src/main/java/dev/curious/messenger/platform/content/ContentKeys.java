package dev.curious.messenger.platform.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
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
 * The senders' content keys ({@code content_keys}): AES-256, one in use per user, stored wrapped with the master key.
 * Destroying a user's keys erases every content they sealed. Keys are cached for {@link #CACHED} at most, so a node
 * that did not destroy a key stops using it within that time (the projections forget it at once).
 */
public class ContentKeys {

    /** How long a node keeps a key (or knowing it is gone) before asking the database again. */
    static final Duration CACHED = Duration.ofSeconds(10);

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A key and its id, which sealed content names. */
    record Key(UUID id, SecretKey secret) {}

    private final JdbcClient jdbc;
    private final SecretKey master;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<UUID, Optional<Key>> active =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();
    private final Cache<UUID, Optional<SecretKey>> byId =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(100_000).build();

    public ContentKeys(JdbcClient jdbc, byte[] masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.master = new SecretKeySpec(Arrays.copyOf(masterKey, 32), "AES");
        this.clock = clock;
    }

    /**
     * The user's key in use. Keys are made at registration and with an erasure; a user without one (registered before
     * sealing, or a generated history) gets one here, in the transaction that stores what it seals: the key and the
     * event commit or roll back together (a second transaction per command would hold two connections, and under load
     * the pool runs dry). The key is cached only once that transaction has committed; a concurrent first message waits
     * for the other's key on the unique index and then uses it.
     */
    Key activeKey(UUID userId) {
        Optional<Key> cached = active.getIfPresent(userId);
        if (cached != null && cached.isPresent()) {
            return cached.get();
        }
        Key key = stored(userId).orElseGet(() -> {
            create(userId);
            return stored(userId).orElseThrow(() -> new IllegalStateException("No content key for " + userId));
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    active.put(userId, Optional.of(key));
                }
            });
        } else {
            active.put(userId, Optional.of(key));
        }
        return key;
    }

    private Optional<Key> stored(UUID userId) {
        return jdbc.sql("SELECT id, wrapped FROM content_keys WHERE user_id = ? AND wrapped IS NOT NULL")
                .param(userId)
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

    /** Makes the user's first key, in the caller's transaction: at registration, long before their first message. */
    public void create(UUID userId) {
        jdbc.sql(
                        "INSERT INTO content_keys (id, user_id, wrapped, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(UUID.randomUUID(), userId, wrap(newKey()), Timestamp.from(clock.instant()))
                .update();
    }

    /** Destroys every key of the user and makes a new one, in the caller's transaction; the number destroyed. */
    public int destroy(UUID userId) {
        int destroyed = jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = ? WHERE user_id = ?"
                        + " AND wrapped IS NOT NULL")
                .params(Timestamp.from(clock.instant()), userId)
                .update();
        // The key of what they send next, committed with the erasure, before any message can use it.
        create(userId);
        forget(userId);
        return destroyed;
    }

    /** Drops what this node keeps of the user's keys, so that the next read asks the database. */
    public void forget(UUID userId) {
        active.invalidate(userId);
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

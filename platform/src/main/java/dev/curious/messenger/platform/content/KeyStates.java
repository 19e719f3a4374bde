package dev.curious.messenger.platform.content;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The transitions of the content keys' state machine (docs/erasure.md), each in the caller's transaction, each
 * followed by this node forgetting the keys it caches. Which transition a command asks for, and whether it may, is
 * the command side's to decide (its {@code compliance} package).
 */
public final class KeyStates {

    private final ContentKeys keys;
    private final KeyStore store;

    public KeyStates(ContentKeys keys) {
        this.keys = keys;
        this.store = keys.store();
    }

    /**
     * A user's erasure: their keys in use are destroyed, but those of conversations on legal hold, which become
     * pending (destroyed by {@link #release}, sealing nothing new meanwhile). Answers the conversations whose content
     * of theirs is so kept for now.
     */
    public List<UUID> eraseUser(UUID userId) {
        Instant now = keys.clock().instant();
        // Locked, so that a release ending one of these holds meanwhile waits for this erasure and then destroys the
        // keys it marks (unlocked, the release could miss them, and they would stay pending with no hold to end).
        UUID[] held = store.lockedHolds();
        store.markPending(userId, held, now);
        store.destroyInUse(userId, now);
        keys.forgetAll();
        return store.pendingConversations(userId);
    }

    /** Puts the conversation's keys on hold: from now on an erasure marks them pending instead of destroying them. */
    public void hold(UUID conversationId) {
        store.hold(conversationId, keys.clock().instant());
    }

    /** Ends the conversation's hold: its pending keys are destroyed. Answers their senders. */
    public List<UUID> release(UUID conversationId) {
        store.release(conversationId);
        List<UUID> erased = store.destroyPending(conversationId, keys.clock().instant());
        keys.forgetAll();
        return erased.stream().distinct().sorted().toList();
    }

    /**
     * Destroys the conversation's keys of the days before {@code day} (retention), unless it is on hold; the number
     * destroyed.
     */
    public int expire(UUID conversationId, LocalDate day) {
        int destroyed = store.destroyBefore(conversationId, day, keys.clock().instant());
        keys.forgetAll();
        return destroyed;
    }
}

package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.compliance.RetentionChanged;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.platform.content.ContentKeys;
import dev.curious.messenger.query.ProcessingGroups;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The query side's one home of retention, legal holds and erasure. A user's content in a conversation follows the
 * keys' states: shown while active; erased when the user is (their keys destroyed), unless the conversation is on
 * hold, where it stays shown but pending ({@code chat_pending_erasures}) until the hold's release, which erases it.
 * The erasure and the release may come in either order (other segments); the second applies it. A conversation's
 * expired content is erased the same way. Each erasure makes this node forget the keys it holds, and tells the open
 * pages of the conversations it reaches; the SQL is {@link ComplianceWrites}'.
 */
@Component
@ProcessingGroup(ProcessingGroups.CONVERSATIONS)
class ComplianceProjection {

    private final Batches batches;
    private final Runnable forgetKeys;

    @Autowired
    ComplianceProjection(Batches batches, ContentKeys contentKeys) {
        this(batches, contentKeys::forgetAll);
    }

    /** {@code forgetKeys}: drops the content keys this node holds, so that none outlives its destruction here. */
    ComplianceProjection(Batches batches, Runnable forgetKeys) {
        this.batches = batches;
        this.forgetKeys = forgetKeys;
    }

    @EventHandler
    void on(UserContentErased event, TrackingToken token, @MessageIdentifier String eventId, ReplayStatus replay) {
        forgetKeys.run();
        ConversationBatch batch = batches.current();
        batch.erase(event.userId(), positionOf(batch, eventId, token), event.erasedAt(), event.heldConversations());
        if (!replay.isReplay()) {
            // Every conversation the user wrote in, stored or in this batch, but those on hold.
            for (UUID conversationId : batch.conversationsWrittenIn(event.userId(), event.heldConversations())) {
                batches.signal(replay, Frames.erased(conversationId, event.userId(), event.erasedAt()));
            }
        }
    }

    /**
     * The event's own place in the store's global order: on PostgreSQL its global index (a gap-aware token stands at
     * the highest position seen, another event's when this one filled a gap below it), on Axon Server its token.
     */
    private static long positionOf(ConversationBatch batch, String eventId, TrackingToken token) {
        return batch.globalIndex(eventId)
                .orElseGet(
                        () -> token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE));
    }

    @EventHandler
    void on(ConversationContentExpired event, ReplayStatus replay) {
        forgetKeys.run();
        batches.current().expire(event.conversationId(), event.before());
        batches.signal(replay, Frames.expired(event));
    }

    @EventHandler
    void on(RetentionChanged event) {
        batches.current().retention(event.conversationId(), event.days());
    }

    @EventHandler
    void on(LegalHoldPlaced event) {
        batches.current().hold(event.conversationId(), event.reason(), event.placedBy(), event.placedAt());
    }

    @EventHandler
    void on(LegalHoldReleased event, ReplayStatus replay) {
        forgetKeys.run();
        batches.current().releaseHold(event.conversationId(), event.erasedUsers());
        for (UUID userId : event.erasedUsers()) {
            batches.signal(replay, Frames.erased(event.conversationId(), userId, event.releasedAt()));
        }
    }
}

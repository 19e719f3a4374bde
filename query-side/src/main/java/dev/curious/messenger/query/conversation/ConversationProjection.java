package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.compliance.RetentionChanged;
import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.conversation.Mentioned;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import dev.curious.messenger.api.emoji.EmojiDefined;
import dev.curious.messenger.api.frame.ContentErasedFrame;
import dev.curious.messenger.api.frame.ConversationClosedFrame;
import dev.curious.messenger.api.frame.ConversationRenamedFrame;
import dev.curious.messenger.api.frame.MemberAddedFrame;
import dev.curious.messenger.api.frame.MemberRemovedFrame;
import dev.curious.messenger.api.frame.MessageDeletedFrame;
import dev.curious.messenger.api.frame.MessageEditedFrame;
import dev.curious.messenger.api.frame.MessageSentFrame;
import dev.curious.messenger.api.frame.MessagesSeenFrame;
import dev.curious.messenger.api.frame.ReactionAddedFrame;
import dev.curious.messenger.api.frame.ReactionRemovedFrame;
import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionRemoved;
import dev.curious.messenger.api.message.ReplyView;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.platform.content.ContentKeys;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Projects users' nicknames, conversations, members, messages, seen marks, reactions and emojis, with plain SQL: each
 * handler changes the batch's {@link ConversationBatch} and every statement is sent when the processor's batch commits.
 * Every handler is idempotent (a repeated event finds its change already made), and every change is stored as the
 * conversation's next frame ({@link FrameLog}) in the transaction that writes it, and pushed to the conversation's
 * subscribers after that transaction (and the processor's token) commits; a replay pushes nothing.
 */
@Component
@ProcessingGroup(ProcessingGroups.CONVERSATIONS)
class ConversationProjection {

    /** The aggregate type of the conversation events. */
    private static final String CONVERSATION = "Conversation";

    private static final String BATCH = ConversationBatch.class.getName();

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter updates;
    private final FrameLog frames;
    private final ContentKeys contentKeys;

    ConversationProjection(JdbcTemplate jdbc, QueryUpdateEmitter updates, FrameLog frames, ContentKeys contentKeys) {
        this.jdbc = jdbc;
        this.updates = updates;
        this.frames = frames;
        this.contentKeys = contentKeys;
    }

    /** The nicknames this group shows are its own: a frame never waits for (or misses) the users group. */
    @EventHandler
    void on(UserRegistered event) {
        batch().user(event.userId(), event.nickname());
    }

    /**
     * Every read model row and stored frame of the user's content drops it, but in the conversations on hold; this
     * node forgets the keys it holds.
     */
    @EventHandler
    void on(UserContentErased event, TrackingToken token, @MessageIdentifier String eventId, ReplayStatus replay) {
        contentKeys.forgetAll();
        batch().erase(event.userId(), positionOf(eventId, token), event.erasedAt(), event.heldConversations());
        if (!replay.isReplay()) {
            // Open pages drop it: every conversation the user wrote in, but those on hold.
            jdbc.queryForList(
                            "SELECT DISTINCT conversation_id FROM chat_messages WHERE sender_id = ?"
                                    + " AND NOT (conversation_id = ANY (?))",
                            UUID.class,
                            event.userId(),
                            event.heldConversations().toArray(UUID[]::new))
                    .forEach(conversationId -> signalErased(
                            new ContentErasedFrame(conversationId, event.userId(), null, event.erasedAt())));
        }
    }

    @EventHandler
    void on(ConversationContentExpired event, ReplayStatus replay) {
        contentKeys.forgetAll();
        batch().expire(event.conversationId(), event.before());
        if (!replay.isReplay()) {
            signalErased(new ContentErasedFrame(event.conversationId(), null, event.before(), event.expiredAt()));
        }
    }

    @EventHandler
    void on(RetentionChanged event) {
        batch().retention(event.conversationId(), event.days());
    }

    @EventHandler
    void on(LegalHoldPlaced event) {
        batch().hold(event.conversationId(), event.reason(), event.placedBy(), event.placedAt());
    }

    @EventHandler
    void on(LegalHoldReleased event, ReplayStatus replay) {
        contentKeys.forgetAll();
        batch().releaseHold(event.conversationId(), event.erasedUsers());
        if (!replay.isReplay()) {
            for (UUID userId : event.erasedUsers()) {
                signalErased(new ContentErasedFrame(event.conversationId(), userId, null, event.releasedAt()));
            }
        }
    }

    /** Tells the conversation's subscribers, once this batch has committed, that content they may show is gone. */
    private void signalErased(ContentErasedFrame frame) {
        updates.emit(WatchFramesQuery.class, query -> true, frame);
    }

    /**
     * The event's own place in the store's global order: on PostgreSQL its global index (a gap-aware token stands at
     * the highest position seen, another event's when this one filled a gap below it), on Axon Server its token.
     */
    private long positionOf(String eventId, TrackingToken token) {
        List<Long> index = jdbc.queryForList(ConversationBatch.GLOBAL_INDEX, Long.class, eventId);
        if (!index.isEmpty()) {
            return index.get(0);
        }
        return token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
    }

    @EventHandler
    void on(EmojiDefined event) {
        // A reaction projected first (another segment) left a row with the key as its unicode: complete it.
        batch().defineEmoji(event.emojiKey(), event.unicode());
    }

    @EventHandler
    void on(ConversationStarted event, ReplayStatus replay) {
        ConversationBatch batch = batch();
        if (batch.conversation(event.conversationId(), this::batchConversations).isPresent()) {
            return;
        }
        Conversation conversation =
                batch.start(event.conversationId(), event.title(), event.ownerId(), event.startedAt());
        for (UUID member : event.memberIds()) {
            batch.join(conversation, member, member.equals(event.ownerId()), event.startedAt());
            notify(replay, new AddedToConversation(member, conversation.id, conversation.title));
        }
    }

    @EventHandler
    void on(ConversationRenamed event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        conversation.title = event.title();
        push(
                replay,
                conversation,
                seq -> new ConversationRenamedFrame(event.conversationId(), seq, event.title(), event.renamedBy()));
    }

    @EventHandler
    void on(MemberAdded event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        if (conversation.member(event.userId()).isPresent()) {
            return;
        }
        batch().join(conversation, event.userId(), false, event.joinedAt());
        notify(replay, new AddedToConversation(event.userId(), conversation.id, conversation.title));
        String nickname = batch().nickname(event.userId());
        push(
                replay,
                conversation,
                seq -> new MemberAddedFrame(
                        event.conversationId(),
                        seq,
                        event.userId(),
                        nickname,
                        false,
                        event.joinedAt(),
                        event.addedBy()));
    }

    @EventHandler
    void on(MemberRemoved event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        Member member = conversation.member(event.userId()).orElse(null);
        if (member == null) {
            return;
        }
        batch().leave(member);
        notify(replay, new RemovedFromConversation(event.userId(), conversation.id, conversation.title));
        push(
                replay,
                conversation,
                seq -> new MemberRemovedFrame(event.conversationId(), seq, event.userId(), event.removedBy()));
    }

    @EventHandler
    void on(ConversationClosed event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        conversation.closed = true;
        conversation.closedAt = event.closedAt();
        push(
                replay,
                conversation,
                seq -> new ConversationClosedFrame(event.conversationId(), seq, event.closedBy(), event.closedAt()));
    }

    @EventHandler
    void on(
            MessageSent event,
            ReplayStatus replay,
            TrackingToken token,
            @MessageIdentifier String eventId,
            @SequenceNumber long eventSequence) {
        Conversation conversation = conversation(event.conversationId());
        if (event.sequence() <= conversation.lastSequence) {
            return;
        }
        ConversationBatch batch = batch();
        // An erased sender's content is null, and whom it named goes with it.
        List<UUID> mentions = event.mentions() == null || event.content() == null ? List.of() : event.mentions();
        batch.message(
                event.messageId(),
                conversation,
                event.sequence(),
                event.senderId(),
                event.content(),
                event.clientMessageId(),
                event.sentAt(),
                event.replyTo(),
                mentions,
                eventId,
                token == null ? null : token.position().orElse(0L),
                eventSequence);
        String nickname = batch.nickname(event.senderId());
        push(
                replay,
                conversation,
                seq -> new MessageSentFrame(
                        event.conversationId(),
                        seq,
                        event.messageId(),
                        event.sequence(),
                        event.senderId(),
                        nickname,
                        event.content(),
                        event.sentAt(),
                        null,
                        false,
                        List.of(),
                        List.of(),
                        event.replyTo() == null ? null : reply(event.replyTo()),
                        mentions,
                        event.content() == null,
                        event.clientMessageId()));
        mentioned(replay, conversation, event.messageId(), event.senderId(), mentions);
    }

    @EventHandler
    void on(MessageEdited event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        ConversationBatch batch = batch();
        Optional<ConversationBatch.Message> before = batch.message(event.messageId());
        if (before.isEmpty() || before.get().deleted()) {
            return;
        }
        List<UUID> mentions = event.mentions() == null || event.content() == null ? List.of() : event.mentions();
        batch.edit(event.messageId(), event.content(), mentions, event.editedAt());
        push(
                replay,
                conversation,
                seq -> new MessageEditedFrame(
                        event.conversationId(), seq, event.messageId(), event.content(), event.editedAt(), mentions));
        // Only those the previous version did not name: an edit of a typo does not call everyone again.
        List<UUID> added = new ArrayList<>(mentions);
        added.removeAll(before.get().mentions());
        mentioned(replay, conversation, event.messageId(), before.get().senderId(), added);
    }

    @EventHandler
    void on(MessageDeleted event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        batch().delete(event.messageId(), event.deletedAt());
        push(
                replay,
                conversation,
                seq -> new MessageDeletedFrame(
                        event.conversationId(), seq, event.messageId(), event.deletedAt(), event.deletedBy()));
    }

    @EventHandler
    void on(MessagesSeen event, ReplayStatus replay) {
        Conversation conversation = conversation(event.conversationId());
        Member member = conversation.member(event.userId()).orElse(null);
        if (member != null && member.seenUpTo >= event.upToSequence()) {
            return;
        }
        ConversationBatch batch = batch();
        batch.seen(event.userId(), event.conversationId(), event.afterSequence(), event.upToSequence(), event.seenAt());
        if (member != null) {
            batch.seenUpTo(member, event.upToSequence());
        }
        push(
                replay,
                conversation,
                seq -> new MessagesSeenFrame(
                        event.conversationId(),
                        seq,
                        event.userId(),
                        event.messageId(),
                        event.afterSequence(),
                        event.upToSequence(),
                        event.seenAt()));
    }

    @EventHandler
    void on(ReactionAdded event, ReplayStatus replay) {
        ConversationBatch batch = batch();
        // The catalog is another aggregate: with several segments its EmojiDefined may come after this reaction.
        batch.emojiUsed(event.emojiKey());
        batch.react(event.userId(), event.messageId(), event.conversationId(), event.emojiKey());
        Conversation conversation = conversation(event.conversationId());
        String unicode = batch.unicode(event.emojiKey());
        push(
                replay,
                conversation,
                seq -> new ReactionAddedFrame(
                        event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode));
    }

    @EventHandler
    void on(ReactionRemoved event, ReplayStatus replay) {
        ConversationBatch batch = batch();
        batch.unreact(event.userId(), event.messageId(), event.emojiKey());
        Conversation conversation = conversation(event.conversationId());
        String unicode = batch.unicode(event.emojiKey());
        push(
                replay,
                conversation,
                seq -> new ReactionRemovedFrame(
                        event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE chat_pending_erasures, chat_message_reactions, chat_seen_messages, chat_messages,"
                + " chat_conversation_members, chat_conversations, chat_emojis, chat_users RESTART IDENTITY");
    }

    /** The processor batch's state and statements, written when the batch's transaction is about to commit. */
    private ConversationBatch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            ConversationBatch batch = new ConversationBatch(jdbc);
            root.onPrepareCommit(unitOfWork -> batch.write());
            return batch;
        });
    }

    private Conversation conversation(UUID conversationId) {
        // Events of one conversation arrive in order, so its start is always projected before anything else.
        return batch().conversation(conversationId, this::batchConversations)
                .orElseThrow(() -> new IllegalStateException("Conversation " + conversationId + " was never started"));
    }

    /**
     * The conversations the processor's batch has events of: read together when the first is needed, since a replay
     * batch touches hundreds of conversations.
     */
    private Collection<UUID> batchConversations() {
        if (!(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        Set<UUID> ids = new HashSet<>();
        for (Object message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && CONVERSATION.equals(event.getType())) {
                ids.add(UUID.fromString(event.getAggregateIdentifier()));
            }
        }
        return ids;
    }

    /**
     * Stores the conversation's next frame with the change, in the batch's transaction, and pushes it, which Axon does
     * only after that transaction commits. A replay numbers the frames as before and writes none: the stored ones stay
     * as they are (those past the retention are gone for good, and asking for them answers 410 as before).
     */
    private void push(ReplayStatus replay, Conversation conversation, LongFunction<StoredFrame> frame) {
        long frameSeq = conversation.nextFrameSeq();
        if (replay.isReplay()) {
            return;
        }
        StoredFrame next = frame.apply(frameSeq);
        batch().frame(frames.row(
                next, ((EventMessage<?>) CurrentUnitOfWork.get().getMessage()).getTimestamp()));
        updates.emit(WatchFramesQuery.class, query -> true, next);
    }

    /** The answered message as it is now, for a reply's frame. */
    private ReplyView reply(UUID messageId) {
        ConversationBatch batch = batch();
        return batch.message(messageId)
                .map(original -> new ReplyView(
                        messageId,
                        batch.nickname(original.senderId()),
                        ReplyView.excerpt(original.content()),
                        original.deleted()))
                .orElse(new ReplyView(messageId, null, null, true));
    }

    /** Tells the members a message names (never its sender) that it does: those who are members as of the event. */
    private void mentioned(
            ReplayStatus replay, Conversation conversation, UUID messageId, UUID by, List<UUID> mentions) {
        for (UUID userId : mentions) {
            if (!userId.equals(by) && conversation.member(userId).isPresent()) {
                notify(replay, new Mentioned(userId, conversation.id, messageId, by));
            }
        }
    }

    private void notify(ReplayStatus replay, UserNotification change) {
        if (!replay.isReplay()) {
            updates.emit(WatchNotificationsQuery.class, query -> true, change);
        }
    }
}

package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.conversation.MembershipChange;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.conversation.WatchMembershipsQuery;
import dev.curious.messenger.api.emoji.EmojiDefined;
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
import dev.curious.messenger.query.ProcessingGroups;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Projects conversations, members, messages, seen marks, reactions and emojis. Every handler is idempotent (a
 * repeated event finds its change already made), and every change is stored as the conversation's next frame
 * ({@link FrameLog}) in the transaction that writes it, and pushed to the conversation's subscribers after that
 * transaction (and the processor's token) commits; a replay pushes nothing.
 */
@Component
@ProcessingGroup(ProcessingGroups.CONVERSATIONS)
class ConversationProjection {

    /** The aggregate type of the conversation events. */
    private static final String CONVERSATION = "Conversation";

    private static final String BATCH_LOADED = ConversationProjection.class.getName() + ".batchLoaded";

    @PersistenceContext
    private EntityManager sharedEntityManager;

    private final QueryUpdateEmitter updates;
    private final MessageViews views;
    private final FrameLog frames;

    ConversationProjection(QueryUpdateEmitter updates, MessageViews views, FrameLog frames) {
        this.updates = updates;
        this.views = views;
        this.frames = frames;
    }

    @EventHandler
    void on(EmojiDefined event) {
        // A reaction projected first (another segment) left a row with the key as its unicode: complete it.
        execute(
                "INSERT INTO chat_emojis (key, unicode) VALUES (?1, ?2)"
                        + " ON CONFLICT (key) DO UPDATE SET unicode = EXCLUDED.unicode",
                event.emojiKey(),
                event.unicode());
    }

    @EventHandler
    void on(ConversationStarted event, ReplayStatus replay) {
        if (em().find(ConversationRecord.class, event.conversationId()) != null) {
            return;
        }
        ConversationRecord conversation =
                new ConversationRecord(event.conversationId(), event.title(), event.ownerId(), event.startedAt());
        em().persist(conversation);
        for (UUID member : event.memberIds()) {
            em().persist(conversation.addMember(member, member.equals(event.ownerId()), event.startedAt(), 0));
            notify(replay, new AddedToConversation(member, conversation.id(), conversation.title()));
        }
    }

    @EventHandler
    void on(ConversationRenamed event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        conversation.rename(event.title());
        push(
                replay,
                conversation,
                seq -> new ConversationRenamedFrame(event.conversationId(), seq, event.title(), event.renamedBy()));
    }

    @EventHandler
    void on(MemberAdded event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        if (conversation.member(event.userId()).isPresent()) {
            return;
        }
        // The count reads messages of this batch: write them first.
        em().flush();
        long unread = count(
                "SELECT count(*) FROM chat_messages WHERE conversation_id = ?1 AND sender_id <> ?2",
                event.conversationId(),
                event.userId());
        em().persist(conversation.addMember(event.userId(), false, event.joinedAt(), unread));
        notify(replay, new AddedToConversation(event.userId(), conversation.id(), conversation.title()));
        push(
                replay,
                conversation,
                seq -> new MemberAddedFrame(
                        event.conversationId(),
                        seq,
                        event.userId(),
                        views.nickname(event.userId()),
                        false,
                        event.joinedAt(),
                        event.addedBy()));
    }

    @EventHandler
    void on(MemberRemoved event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        conversation.removeMember(event.userId()).ifPresent(em()::remove);
        notify(replay, new RemovedFromConversation(event.userId(), conversation.id(), conversation.title()));
        push(
                replay,
                conversation,
                seq -> new MemberRemovedFrame(event.conversationId(), seq, event.userId(), event.removedBy()));
    }

    @EventHandler
    void on(ConversationClosed event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        conversation.close(event.closedAt());
        push(
                replay,
                conversation,
                seq -> new ConversationClosedFrame(event.conversationId(), seq, event.closedBy(), event.closedAt()));
    }

    @EventHandler
    void on(MessageSent event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        if (event.sequence() <= conversation.lastSequence()) {
            return;
        }
        em().persist(new MessageRecord(
                event.messageId(),
                event.conversationId(),
                event.sequence(),
                event.senderId(),
                event.content(),
                event.clientMessageId(),
                event.sentAt()));
        conversation.messageSent(event.sequence(), event.messageId(), event.senderId(), event.sentAt());
        push(replay, conversation, seq -> MessageSentFrame.of(seq, views.sent(event), event.clientMessageId()));
    }

    @EventHandler
    void on(MessageEdited event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        MessageRecord message = em().find(MessageRecord.class, event.messageId());
        if (message != null) {
            message.edit(event.content(), event.editedAt());
        }
        push(
                replay,
                conversation,
                seq -> new MessageEditedFrame(
                        event.conversationId(), seq, event.messageId(), event.content(), event.editedAt()));
    }

    @EventHandler
    void on(MessageDeleted event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        MessageRecord message = em().find(MessageRecord.class, event.messageId());
        if (message != null) {
            message.delete(event.deletedAt());
        }
        push(
                replay,
                conversation,
                seq -> new MessageDeletedFrame(event.conversationId(), seq, event.messageId(), event.deletedAt()));
    }

    @EventHandler
    void on(MessagesSeen event, ReplayStatus replay) {
        ConversationRecord conversation = conversation(event.conversationId());
        MemberRecord member = conversation.member(event.userId()).orElse(null);
        if (member != null && member.seenUpTo() >= event.upToSequence()) {
            return;
        }
        // The insert reads messages of this batch: write them first.
        em().flush();
        execute(
                "INSERT INTO chat_seen_messages (user_id, message_id, conversation_id, seen_at)"
                        + " SELECT ?1, m.id, m.conversation_id, ?2 FROM chat_messages m"
                        + " WHERE m.conversation_id = ?3 AND m.sequence > ?4 AND m.sequence <= ?5 AND m.sender_id <> ?1"
                        + " ON CONFLICT DO NOTHING",
                event.userId(),
                event.seenAt(),
                event.conversationId(),
                event.afterSequence(),
                event.upToSequence());
        if (member != null) {
            long stillUnread = count(
                    "SELECT count(*) FROM chat_messages"
                            + " WHERE conversation_id = ?1 AND sequence > ?2 AND sender_id <> ?3",
                    event.conversationId(),
                    event.upToSequence(),
                    event.userId());
            member.seenUpTo(event.upToSequence(), stillUnread);
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
        // The catalog is another aggregate: with several segments its EmojiDefined may come after this reaction.
        execute(
                "INSERT INTO chat_emojis (key, unicode) VALUES (?1, ?1) ON CONFLICT (key) DO NOTHING",
                event.emojiKey());
        execute(
                "INSERT INTO chat_message_reactions (user_id, message_id, emoji_id, conversation_id)"
                        + " SELECT ?1, ?2, e.id, ?3 FROM chat_emojis e WHERE e.key = ?4 ON CONFLICT DO NOTHING",
                event.userId(),
                event.messageId(),
                event.conversationId(),
                event.emojiKey());
        ConversationRecord conversation = conversation(event.conversationId());
        String unicode = unicode(event.emojiKey());
        push(
                replay,
                conversation,
                seq -> new ReactionAddedFrame(
                        event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode));
    }

    @EventHandler
    void on(ReactionRemoved event, ReplayStatus replay) {
        execute(
                "DELETE FROM chat_message_reactions r USING chat_emojis e"
                        + " WHERE r.emoji_id = e.id AND r.user_id = ?1 AND r.message_id = ?2 AND e.key = ?3",
                event.userId(),
                event.messageId(),
                event.emojiKey());
        ConversationRecord conversation = conversation(event.conversationId());
        String unicode = unicode(event.emojiKey());
        push(
                replay,
                conversation,
                seq -> new ReactionRemovedFrame(
                        event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode));
    }

    @ResetHandler
    void reset() {
        execute("TRUNCATE chat_message_reactions, chat_seen_messages, chat_messages,"
                + " chat_conversation_members, chat_conversations, chat_emojis RESTART IDENTITY");
    }

    /**
     * The batch's entity manager, flushing only at commit: Hibernate would otherwise flush (and dirty-check every
     * entity of the batch) before each native statement. The two statements that read rows of this batch flush
     * first on purpose.
     */
    private EntityManager em() {
        sharedEntityManager.setFlushMode(FlushModeType.COMMIT);
        return sharedEntityManager;
    }

    /** A native statement with positional parameters ?1, ?2, ... in the batch's transaction. */
    private int execute(String sql, Object... parameters) {
        return bind(em().createNativeQuery(sql), parameters).executeUpdate();
    }

    private long count(String sql, Object... parameters) {
        return ((Number) bind(em().createNativeQuery(sql), parameters).getSingleResult()).longValue();
    }

    private static Query bind(Query query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    private ConversationRecord conversation(UUID conversationId) {
        loadBatchConversations();
        ConversationRecord conversation = em().find(ConversationRecord.class, conversationId);
        if (conversation == null) {
            // Events of one conversation arrive in order, so its start is always projected before anything else.
            throw new IllegalStateException("Conversation " + conversationId + " was never started");
        }
        return conversation;
    }

    /**
     * Loads every conversation the processor's batch has events of, with its members, in one query when the first of
     * them is needed: a batch of a replay touches hundreds of conversations, each of which would otherwise cost a
     * query for the row and one for its members. Live batches of one conversation skip it.
     */
    private void loadBatchConversations() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)
                || batch.resources().putIfAbsent(BATCH_LOADED, Boolean.TRUE) != null) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        for (Object message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && CONVERSATION.equals(event.getType())) {
                ids.add(UUID.fromString(event.getAggregateIdentifier()));
            }
        }
        if (ids.size() > 1) {
            em().createQuery(
                            "SELECT DISTINCT c FROM ConversationRecord c LEFT JOIN FETCH c.members WHERE c.id IN :ids",
                            ConversationRecord.class)
                    .setParameter("ids", ids)
                    .getResultList();
        }
    }

    private String unicode(String emojiKey) {
        return em().createQuery("SELECT e.unicode FROM EmojiRecord e WHERE e.key = :key", String.class)
                .setParameter("key", emojiKey)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /**
     * Stores the conversation's next frame with the change, in the batch's transaction; live, also pushes it, which
     * Axon does only after that transaction commits. A replay numbers the frames as before and keeps the stored ones.
     */
    private void push(ReplayStatus replay, ConversationRecord conversation, LongFunction<StoredFrame> frame) {
        StoredFrame next = frame.apply(conversation.nextFrameSeq());
        frames.append(next, ((EventMessage<?>) CurrentUnitOfWork.get().getMessage()).getTimestamp());
        if (!replay.isReplay()) {
            updates.emit(WatchFramesQuery.class, query -> true, next);
        }
    }

    private void notify(ReplayStatus replay, MembershipChange change) {
        if (!replay.isReplay()) {
            updates.emit(WatchMembershipsQuery.class, query -> true, change);
        }
    }
}

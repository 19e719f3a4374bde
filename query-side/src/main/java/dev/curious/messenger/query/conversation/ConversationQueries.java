package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.compliance.LegalHold;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.ConversationList;
import dev.curious.messenger.api.conversation.ConversationSummary;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.FindConversationsQuery;
import dev.curious.messenger.api.conversation.MemberView;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import dev.curious.messenger.api.emoji.EmojiList;
import dev.curious.messenger.api.emoji.EmojiView;
import dev.curious.messenger.api.emoji.FindEmojisQuery;
import dev.curious.messenger.api.frame.FindFramesQuery;
import dev.curious.messenger.api.frame.FramePage;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.api.message.ExportMessagesQuery;
import dev.curious.messenger.api.message.ExportedMessages;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.LocateMessageQuery;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers the queries about conversations, their messages and the emoji catalog. A conversation's state is read in
 * one snapshot with its {@code last_frame_seq}, which the projection writes in the same transaction as the change:
 * the answer's {@code frameSeq} is exactly the last frame it includes.
 */
@Component
class ConversationQueries {

    /** The contract's page limit for every list. */
    static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;
    private final MessageViews messages;
    private final FrameLog frames;
    private final TransactionTemplate snapshot;

    ConversationQueries(
            JdbcClient jdbc, MessageViews messages, FrameLog frames, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.frames = frames;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @QueryHandler
    ConversationList handle(FindConversationsQuery query) {
        return snapshot.execute(status -> conversations(query));
    }

    private ConversationList conversations(FindConversationsQuery query) {
        record Line(
                UUID id, String title, UUID ownerId, boolean closed, long unread, UUID lastMessageId, long frameSeq) {}
        // Unread: the others' messages after the member's seen mark, counted on the (conversation_id, sequence) index.
        List<Line> lines = jdbc.sql("SELECT c.id, c.title, c.owner_id, c.closed, (SELECT count(*) FROM chat_messages x"
                        + " WHERE x.conversation_id = c.id AND x.sequence > m.seen_up_to AND x.sender_id <> m.user_id),"
                        + " c.last_message_id, c.last_frame_seq"
                        + " FROM chat_conversation_members m JOIN chat_conversations c ON c.id = m.conversation_id"
                        + " WHERE m.user_id = ? ORDER BY c.last_activity_at DESC, c.id LIMIT ?")
                .params(query.memberId(), limit(query.limit()))
                .query((rs, row) -> new Line(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBoolean(4),
                        rs.getLong(5),
                        rs.getObject(6, UUID.class),
                        rs.getLong(7)))
                .list();
        List<UUID> lastIds =
                lines.stream().map(Line::lastMessageId).filter(id -> id != null).toList();
        Map<UUID, MessageView> last = new LinkedHashMap<>();
        if (!lastIds.isEmpty()) {
            messages.byIds(lastIds).forEach(view -> last.put(view.id(), view));
        }
        List<ConversationSummary> summaries = new ArrayList<>();
        for (Line line : lines) {
            summaries.add(new ConversationSummary(
                    line.id(),
                    line.title(),
                    line.ownerId(),
                    line.closed(),
                    line.unread(),
                    line.lastMessageId() == null ? null : last.get(line.lastMessageId()),
                    line.frameSeq()));
        }
        return new ConversationList(summaries);
    }

    @QueryHandler
    Optional<ConversationDetails> handle(FindConversationQuery query) {
        return snapshot.execute(status -> details(query));
    }

    private Optional<ConversationDetails> details(FindConversationQuery query) {
        if (!visible(query.conversationId(), query.viewerId())) {
            return Optional.empty();
        }
        List<MemberView> members = jdbc.sql("SELECT m.user_id, u.nickname, m.owner, m.joined_at"
                        + " FROM chat_conversation_members m LEFT JOIN chat_users u ON u.id = m.user_id"
                        + " WHERE m.conversation_id = ? ORDER BY m.joined_at, m.user_id")
                .param(query.conversationId())
                .query((rs, row) -> new MemberView(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getBoolean(3),
                        MessageViews.instant(rs.getTimestamp(4))))
                .list();
        return jdbc.sql("SELECT id, title, owner_id, closed, retention_days, legal_hold_reason, legal_hold_by,"
                        + " legal_hold_at, last_frame_seq FROM chat_conversations WHERE id = ?")
                .param(query.conversationId())
                .query((rs, row) -> new ConversationDetails(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBoolean(4),
                        members,
                        rs.getObject(5, Integer.class),
                        // A hold is the auditors' business: members are not told.
                        query.viewerId() != null || rs.getString(6) == null
                                ? null
                                : new LegalHold(
                                        rs.getString(6),
                                        rs.getObject(7, UUID.class),
                                        MessageViews.instant(rs.getTimestamp(8))),
                        rs.getLong(9)))
                .optional();
    }

    @QueryHandler
    Optional<MessagePage> handle(FindMessagesQuery query) {
        return snapshot.execute(status -> page(query));
    }

    private Optional<MessagePage> page(FindMessagesQuery query) {
        if (!visible(query.conversationId(), query.viewerId())) {
            return Optional.empty();
        }
        int limit = limit(query.limit());
        long before = query.before() == null ? Long.MAX_VALUE : query.before();
        List<MessageView> page = messages.page(query.conversationId(), before, limit);
        Long nextBefore = null;
        if (page.size() == limit) {
            long oldest = page.get(page.size() - 1).sequence();
            nextBefore = oldest > 1 ? oldest : null;
        }
        return Optional.of(new MessagePage(page, nextBefore, lastFrameSeq(query.conversationId())));
    }

    @QueryHandler
    Optional<ExportedMessages> handle(ExportMessagesQuery query) {
        if (!visible(query.conversationId(), null)) {
            return Optional.empty();
        }
        return Optional.of(new ExportedMessages(messages.range(
                query.conversationId(), query.from(), query.to(), query.afterSequence(), limit(query.limit()))));
    }

    @QueryHandler
    Optional<MessageLocation> handle(LocateMessageQuery query) {
        return jdbc.sql("SELECT conversation_id, coalesce(sent_event_sequence, 0) FROM chat_messages WHERE id = ?")
                .param(query.messageId())
                .query((rs, row) -> new MessageLocation(query.messageId(), rs.getObject(1, UUID.class), rs.getLong(2)))
                .optional();
    }

    /** The initial answer of a subscription: the last sequence the read model holds (0 when none). */
    @QueryHandler
    Optional<FramePage> handle(FindFramesQuery query) {
        if (!visible(query.conversationId(), query.viewerId())) {
            return Optional.empty();
        }
        return Optional.of(new FramePage(
                frames.after(query.conversationId(), query.after(), limit(query.limit())),
                frames.oldest(query.conversationId()),
                lastFrameSeq(query.conversationId())));
    }

    private long lastFrameSeq(UUID conversationId) {
        return jdbc.sql("SELECT last_frame_seq FROM chat_conversations WHERE id = ?")
                .param(conversationId)
                .query(Long.class)
                .single();
    }

    @QueryHandler
    Boolean handle(WatchFramesQuery query) {
        return Boolean.TRUE;
    }

    /** Membership changes carry everything a notification needs: the initial answer only confirms the subscription. */
    @QueryHandler
    Boolean handle(WatchNotificationsQuery query) {
        return Boolean.TRUE;
    }

    @QueryHandler
    EmojiList handle(FindEmojisQuery query) {
        return new EmojiList(jdbc.sql("SELECT key, unicode FROM chat_emojis ORDER BY id")
                .query((rs, row) -> new EmojiView(rs.getString(1), rs.getString(2)))
                .list());
    }

    private boolean visible(UUID conversationId, UUID viewerId) {
        String sql = viewerId == null
                ? "SELECT count(*) FROM chat_conversations WHERE id = :conversation"
                : "SELECT count(*) FROM chat_conversation_members WHERE conversation_id = :conversation"
                        + " AND user_id = :viewer";
        var statement = jdbc.sql(sql).param("conversation", conversationId);
        if (viewerId != null) {
            statement = statement.param("viewer", viewerId);
        }
        return statement.query(Long.class).single() > 0;
    }

    private static int limit(int requested) {
        return requested <= 0 ? 50 : Math.min(requested, MAX_LIMIT);
    }
}

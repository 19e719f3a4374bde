package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.ReactionSummary;
import dev.curious.messenger.api.message.ReplyView;
import dev.curious.messenger.api.message.SeenBy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads messages as the contract shows them: with the sender's nickname, reactions summed up and seen marks. */
@Component
class MessageViews {

    /** A message row with its sender's nickname and the message it answers (its current content), if any. */
    private static final String MESSAGES = "SELECT m.id, m.conversation_id, m.sequence, m.sender_id, u.nickname,"
            + " m.content, m.sent_at, m.edited_at, m.deleted, m.erased, m.reply_to, m.mentions, o.content AS reply_content,"
            + " o.deleted AS reply_deleted, ou.nickname AS reply_nickname FROM chat_messages m"
            + " LEFT JOIN chat_users u ON u.id = m.sender_id"
            // Of the same conversation, as the command side checks: a quote never shows another conversation's text.
            + " LEFT JOIN chat_messages o ON o.id = m.reply_to AND o.conversation_id = m.conversation_id"
            + " LEFT JOIN chat_users ou ON ou.id = o.sender_id ";

    /** A page of messages newest first; walks the (conversation_id, sequence) unique index backwards. */
    static final String PAGE_SQL =
            MESSAGES + "WHERE m.conversation_id = ? AND m.sequence < ? ORDER BY m.sequence DESC LIMIT ?";

    private final JdbcClient jdbc;

    MessageViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The messages of a conversation with sequence below {@code before}, newest first. */
    List<MessageView> page(UUID conversationId, long before, int limit) {
        List<MessageView> rows = jdbc.sql(PAGE_SQL)
                .params(conversationId, before, limit)
                .query(MessageViews::row)
                .list();
        return complete(rows);
    }

    /** The messages of a conversation after {@code afterSequence} sent in {@code [from, to)}, oldest first. */
    List<MessageView> range(UUID conversationId, Instant from, Instant to, long afterSequence, int limit) {
        List<MessageView> rows = jdbc.sql(MESSAGES + "WHERE m.conversation_id = ? AND m.sequence > ?"
                        + " AND m.sent_at >= ? AND m.sent_at < ? ORDER BY m.sequence LIMIT ?")
                .params(
                        conversationId,
                        afterSequence,
                        Timestamp.from(from == null ? Instant.EPOCH : from),
                        Timestamp.from(to == null ? Instant.parse("9999-12-31T00:00:00Z") : to),
                        limit)
                .query(MessageViews::row)
                .list();
        return complete(rows);
    }

    /** The messages with these ids, in any conversations. */
    List<MessageView> byIds(List<UUID> messageIds) {
        List<MessageView> rows = jdbc.sql(MESSAGES + "WHERE m.id = ANY (?) ORDER BY m.sequence DESC")
                .param(messageIds.toArray(UUID[]::new))
                .query(MessageViews::row)
                .list();
        return complete(rows);
    }

    private List<MessageView> complete(List<MessageView> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        UUID[] ids = rows.stream().map(MessageView::id).toArray(UUID[]::new);
        Map<UUID, Map<String, ReactionSummary>> reactions = new LinkedHashMap<>();
        jdbc.sql("SELECT r.message_id, e.key, e.unicode, r.user_id FROM chat_message_reactions r"
                        + " JOIN chat_emojis e ON e.id = r.emoji_id WHERE r.message_id = ANY (?)"
                        + " ORDER BY e.id, r.user_id")
                .param(ids)
                .query(rs -> {
                    UUID messageId = rs.getObject(1, UUID.class);
                    String key = rs.getString(2);
                    Map<String, ReactionSummary> byEmoji =
                            reactions.computeIfAbsent(messageId, m -> new LinkedHashMap<>());
                    ReactionSummary before = byEmoji.get(key);
                    List<UUID> users = before == null ? new ArrayList<>() : new ArrayList<>(before.userIds());
                    users.add(rs.getObject(4, UUID.class));
                    byEmoji.put(key, new ReactionSummary(key, rs.getString(3), users.size(), List.copyOf(users)));
                });
        Map<UUID, List<SeenBy>> seen = new LinkedHashMap<>();
        jdbc.sql("SELECT message_id, user_id, seen_at FROM chat_seen_messages WHERE message_id = ANY (?)"
                        + " ORDER BY seen_at, user_id")
                .param(ids)
                .query(rs -> {
                    seen.computeIfAbsent(rs.getObject(1, UUID.class), m -> new ArrayList<>())
                            .add(new SeenBy(rs.getObject(2, UUID.class), instant(rs.getTimestamp(3))));
                });
        return rows.stream()
                .map(row -> new MessageView(
                        row.id(),
                        row.conversationId(),
                        row.sequence(),
                        row.senderId(),
                        row.senderNickname(),
                        row.content(),
                        row.sentAt(),
                        row.editedAt(),
                        row.deleted(),
                        List.copyOf(reactions.getOrDefault(row.id(), Map.of()).values()),
                        List.copyOf(seen.getOrDefault(row.id(), List.of())),
                        row.replyTo(),
                        row.mentions(),
                        row.erased()))
                .toList();
    }

    /** A message row of {@link #MESSAGES}, its reactions and seen marks still to be added. */
    private static MessageView row(ResultSet rs, int rowNumber) throws SQLException {
        UUID replyTo = rs.getObject("reply_to", UUID.class);
        return new MessageView(
                rs.getObject("id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                rs.getLong("sequence"),
                rs.getObject("sender_id", UUID.class),
                rs.getString("nickname"),
                rs.getString("content"),
                instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("edited_at")),
                rs.getBoolean("deleted"),
                List.of(),
                List.of(),
                replyTo == null
                        ? null
                        : new ReplyView(
                                replyTo,
                                rs.getString("reply_nickname"),
                                ReplyView.excerpt(rs.getString("reply_content")),
                                // The original is of the same conversation, so it is always there.
                                rs.getBoolean("reply_deleted")),
                List.of((UUID[]) rs.getArray("mentions").getArray()),
                rs.getBoolean("erased"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

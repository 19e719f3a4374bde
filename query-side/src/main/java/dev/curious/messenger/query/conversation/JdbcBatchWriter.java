package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.query.ProjectionCommits;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one batch's changes at its commit, table by table in JDBC batches, in the order the rows depend on each
 * other: users and emojis, conversations and members, messages, what refers to messages (seen marks, reactions), the
 * frames, and last compliance's erasures, which reach the rows and frames written before them.
 */
final class JdbcBatchWriter implements BatchWriter {

    private static final String INSERT_MESSAGE = "INSERT INTO chat_messages (id, conversation_id, sequence, sender_id,"
            + " content, client_message_id, sent_at, reply_to, mentions, position, sent_event_sequence, erased)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((" + JdbcConversationStore.GLOBAL_INDEX + "), ?), ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private static final String INSERT_CONVERSATION = "INSERT INTO chat_conversations (title, closed, closed_at,"
            + " last_sequence, last_message_id, last_activity_at, last_frame_seq, id, owner_id, started_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_CONVERSATION = "UPDATE chat_conversations SET title = ?, closed = ?,"
            + " closed_at = ?, last_sequence = ?, last_message_id = ?, last_activity_at = ?, last_frame_seq = ?"
            + " WHERE id = ?";

    private record MemberKey(UUID conversationId, UUID userId) {}

    private final JdbcTemplate jdbc;
    private final FrameLog frameLog;
    private final Statements users = new Statements();
    private final Statements emojis = new Statements();
    private final Map<UUID, Conversation> conversations = new LinkedHashMap<>();
    private final Map<MemberKey, Member> members = new LinkedHashMap<>();
    private final List<Object[]> messages = new ArrayList<>();
    private final Statements messageChanges = new Statements();
    private final Statements seen = new Statements();
    private final Statements reactions = new Statements();
    private final List<Object[]> frames = new ArrayList<>();
    private final List<Object[]> deletedMessages = new ArrayList<>();
    private final ComplianceWrites compliance = new ComplianceWrites();

    JdbcBatchWriter(JdbcTemplate jdbc, FrameLog frameLog) {
        this.jdbc = jdbc;
        this.frameLog = frameLog;
    }

    @Override
    public void user(UUID userId, String nickname) {
        users.add("INSERT INTO chat_users (id, nickname) VALUES (?, ?) ON CONFLICT DO NOTHING", userId, nickname);
    }

    @Override
    public void emojiDefined(String key, String unicode) {
        emojis.add(
                "INSERT INTO chat_emojis (key, unicode) VALUES (?, ?)"
                        + " ON CONFLICT (key) DO UPDATE SET unicode = EXCLUDED.unicode",
                key,
                unicode);
    }

    @Override
    public void emojiUsed(String key) {
        emojis.add("INSERT INTO chat_emojis (key, unicode) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, key);
    }

    @Override
    public void conversation(Conversation conversation) {
        conversations.put(conversation.id, conversation);
    }

    @Override
    public void member(Conversation conversation, Member member) {
        members.put(new MemberKey(conversation.id, member.userId), member);
    }

    @Override
    public void message(SentMessage sent) {
        // The position is the event's own global index where the store is this database, else (Axon Server) its token.
        messages.add(new Object[] {
            sent.id(),
            sent.conversationId(),
            sent.sequence(),
            sent.senderId(),
            sent.content(),
            sent.clientMessageId(),
            Timestamp.from(sent.sentAt()),
            sent.replyTo(),
            sent.mentions().toArray(UUID[]::new),
            sent.eventId(),
            sent.tokenPosition(),
            sent.eventSequence(),
            sent.content() == null
        });
    }

    @Override
    public void edited(UUID messageId, String content, List<UUID> mentions, Instant at) {
        messageChanges.add(
                "UPDATE chat_messages SET content = ?, mentions = ?, edited_at = ? WHERE id = ? AND NOT deleted",
                content,
                mentions.toArray(UUID[]::new),
                Timestamp.from(at),
                messageId);
    }

    @Override
    public void deleted(UUID messageId, Instant at) {
        messageChanges.add(
                "UPDATE chat_messages SET deleted = TRUE, deleted_at = ?, content = NULL, mentions = '{}' WHERE id = ?",
                Timestamp.from(at),
                messageId);
        deletedMessages.add(new Object[] {messageId});
    }

    @Override
    public void seen(UUID userId, UUID conversationId, long after, long upTo, Instant at) {
        seen.add(
                "INSERT INTO chat_seen_messages (user_id, message_id, conversation_id, seen_at)"
                        + " SELECT ?, m.id, m.conversation_id, ? FROM chat_messages m"
                        + " WHERE m.conversation_id = ? AND m.sequence > ? AND m.sequence <= ? AND m.sender_id <> ?"
                        + " ON CONFLICT DO NOTHING",
                userId,
                Timestamp.from(at),
                conversationId,
                after,
                upTo,
                userId);
    }

    @Override
    public void reacted(UUID userId, UUID messageId, UUID conversationId, String emojiKey) {
        reactions.add(
                "INSERT INTO chat_message_reactions (user_id, message_id, emoji_id, conversation_id)"
                        + " SELECT ?, ?, e.id, ? FROM chat_emojis e WHERE e.key = ? ON CONFLICT DO NOTHING",
                userId,
                messageId,
                conversationId,
                emojiKey);
    }

    @Override
    public void unreacted(UUID userId, UUID messageId, String emojiKey) {
        reactions.add(
                "DELETE FROM chat_message_reactions r USING chat_emojis e"
                        + " WHERE r.emoji_id = e.id AND r.user_id = ? AND r.message_id = ? AND e.key = ?",
                userId,
                messageId,
                emojiKey);
    }

    @Override
    public void frame(StoredFrame frame, Instant at) {
        frames.add(frameLog.row(frame, at));
    }

    @Override
    public void erased(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations) {
        compliance.erased(senderId, position, erasedAt, heldConversations);
    }

    @Override
    public void expired(UUID conversationId, Instant before) {
        compliance.expired(conversationId, before);
    }

    @Override
    public void retention(UUID conversationId, int days) {
        compliance.retention(conversationId, days);
    }

    @Override
    public void held(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {
        compliance.held(conversationId, reason, placedBy, placedAt);
    }

    @Override
    public void released(UUID conversationId, List<UUID> erasedUsers) {
        compliance.released(conversationId, erasedUsers);
    }

    @Override
    public void write() {
        ProjectionCommits.deferFlush(jdbc);
        users.write(jdbc);
        emojis.write(jdbc);
        writeConversations();
        writeMembers();
        jdbc.batchUpdate(INSERT_MESSAGE, messages);
        messageChanges.write(jdbc);
        seen.write(jdbc);
        reactions.write(jdbc);
        jdbc.batchUpdate(FrameLog.INSERT_SQL, frames);
        // After the frames of this batch, which may hold the deleted messages too.
        jdbc.batchUpdate(FrameLog.FORGET_CONTENT_SQL, deletedMessages);
        jdbc.batchUpdate(FrameLog.FORGET_QUOTES_SQL, deletedMessages);
        compliance.write(jdbc);
    }

    private void writeConversations() {
        List<Object[]> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            Object[] row = {
                c.title,
                c.closed,
                c.closedAt == null ? null : Timestamp.from(c.closedAt),
                c.lastSequence,
                c.lastMessageId,
                Timestamp.from(c.lastActivityAt),
                c.lastFrameSeq,
                c.id
            };
            if (c.stored) {
                updated.add(row);
            } else {
                Object[] all = Arrays.copyOf(row, row.length + 2);
                all[row.length] = c.ownerId;
                all[row.length + 1] = Timestamp.from(c.startedAt);
                inserted.add(all);
            }
        }
        jdbc.batchUpdate(INSERT_CONVERSATION, inserted);
        jdbc.batchUpdate(UPDATE_CONVERSATION, updated);
    }

    private void writeMembers() {
        Statements rows = new Statements();
        members.forEach((key, m) -> {
            if (m.stored && m.present) {
                rows.add(
                        "UPDATE chat_conversation_members SET owner = ?, joined_at = ?, seen_up_to = ?"
                                + " WHERE conversation_id = ? AND user_id = ?",
                        m.owner,
                        Timestamp.from(m.joinedAt),
                        m.seenUpTo,
                        key.conversationId(),
                        m.userId);
            } else if (m.stored) {
                rows.add(
                        "DELETE FROM chat_conversation_members WHERE conversation_id = ? AND user_id = ?",
                        key.conversationId(),
                        m.userId);
            } else if (m.present) {
                rows.add(
                        "INSERT INTO chat_conversation_members (conversation_id, user_id, owner, joined_at,"
                                + " seen_up_to) VALUES (?, ?, ?, ?, ?)",
                        key.conversationId(),
                        m.userId,
                        m.owner,
                        Timestamp.from(m.joinedAt),
                        m.seenUpTo);
            }
        });
        rows.write(jdbc);
    }
}

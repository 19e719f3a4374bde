package dev.curious.messenger.query.conversation;

import dev.curious.messenger.query.ProjectionCommits;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one processor batch of the {@code conversations} group reads and changes. The conversations the batch has
 * events of are read with their members in one query when the first is needed; every change is made to that state in
 * memory and to lists of plain statements, and {@link #write} sends them when the batch commits, table by table in
 * JDBC batches, in the batch's transaction. A live batch of one message costs one query and a few statements; a replay
 * batch of hundreds of events costs about as many.
 */
final class ConversationBatch {

    /** A row of {@code chat_conversations} as the batch leaves it. */
    static final class Conversation {
        final UUID id;
        final UUID ownerId;
        final Instant startedAt;
        final boolean stored;
        final Map<UUID, Member> members = new LinkedHashMap<>();
        String title;
        boolean closed;
        Instant closedAt;
        long lastSequence;
        UUID lastMessageId;
        Instant lastActivityAt;
        long lastFrameSeq;
        boolean changed;

        private Conversation(UUID id, UUID ownerId, Instant startedAt, boolean stored) {
            this.id = id;
            this.ownerId = ownerId;
            this.startedAt = startedAt;
            this.stored = stored;
        }

        /** The position of the conversation's next stored frame. */
        long nextFrameSeq() {
            changed = true;
            return ++lastFrameSeq;
        }

        Optional<Member> member(UUID userId) {
            Member member = members.get(userId);
            return member == null || !member.present ? Optional.empty() : Optional.of(member);
        }
    }

    /** A row of {@code chat_conversation_members} as the batch leaves it; a removed member stays, not present. */
    static final class Member {
        final UUID userId;
        final boolean stored;
        boolean present = true;
        boolean owner;
        Instant joinedAt;
        long seenUpTo;
        boolean changed;

        private Member(UUID userId, boolean stored) {
            this.userId = userId;
            this.stored = stored;
        }
    }

    /** A message as later events of the batch need it: the original of a reply, the mentions before an edit. */
    record Message(UUID senderId, UUID conversationId, String content, boolean deleted, List<UUID> mentions) {

        Message erased() {
            return new Message(senderId, conversationId, null, deleted, List.of());
        }
    }

    /** Statements in the order they were added; consecutive ones of the same SQL go in one JDBC batch. */
    private static final class Statements {
        private final List<Map.Entry<String, List<Object[]>>> runs = new ArrayList<>();

        void add(String sql, Object... parameters) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).getKey().equals(sql)) {
                runs.add(Map.entry(sql, new ArrayList<>()));
            }
            runs.get(runs.size() - 1).getValue().add(parameters);
        }

        void write(JdbcTemplate jdbc) {
            for (Map.Entry<String, List<Object[]>> run : runs) {
                jdbc.batchUpdate(run.getKey(), run.getValue());
            }
            runs.clear();
        }
    }

    /** An event's own position in the PostgreSQL store's global order (none on Axon Server). */
    static final String GLOBAL_INDEX = "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?";

    private static final String CONVERSATIONS_SQL =
            "SELECT c.id, c.title, c.owner_id, c.closed, c.closed_at, c.started_at, c.last_sequence, c.last_message_id,"
                    + " c.last_activity_at, c.last_frame_seq, m.user_id, m.owner, m.joined_at, m.seen_up_to,"
                    + " u.nickname FROM chat_conversations c"
                    + " LEFT JOIN chat_conversation_members m ON m.conversation_id = c.id"
                    + " LEFT JOIN chat_users u ON u.id = m.user_id WHERE c.id = ANY (?)";

    private final JdbcTemplate jdbc;
    private final Map<UUID, Conversation> conversations = new HashMap<>();
    private final Map<UUID, Optional<String>> nicknames = new HashMap<>();
    private final Map<String, Optional<String>> emojis = new HashMap<>();
    private final Map<UUID, Optional<Message>> messagesById = new HashMap<>();
    private final Statements users = new Statements();
    private final Statements emojiRows = new Statements();
    private final Statements messages = new Statements();
    private final Statements messageChanges = new Statements();
    private final Statements seen = new Statements();
    private final Statements reactions = new Statements();
    private final List<Object[]> frames = new ArrayList<>();
    private final List<Object[]> deletedMessages = new ArrayList<>();
    private final Statements erasures = new Statements();

    ConversationBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The conversation, read with the others of {@code ofBatch} (the ids the batch has events of) the first time one
     * is asked for; empty when it was never started.
     */
    Optional<Conversation> conversation(UUID id, Supplier<Collection<UUID>> ofBatch) {
        if (!conversations.containsKey(id)) {
            Set<UUID> ids = new HashSet<>(ofBatch.get());
            ids.add(id);
            ids.removeAll(conversations.keySet());
            load(ids);
        }
        return Optional.ofNullable(conversations.get(id));
    }

    private void load(Set<UUID> ids) {
        for (UUID id : ids) {
            conversations.put(id, null);
        }
        jdbc.query(
                CONVERSATIONS_SQL,
                rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Conversation conversation = conversations.get(id);
                    if (conversation == null) {
                        conversation = new Conversation(
                                id, rs.getObject(3, UUID.class), MessageViews.instant(rs.getTimestamp(6)), true);
                        conversation.title = rs.getString(2);
                        conversation.closed = rs.getBoolean(4);
                        conversation.closedAt = MessageViews.instant(rs.getTimestamp(5));
                        conversation.lastSequence = rs.getLong(7);
                        conversation.lastMessageId = rs.getObject(8, UUID.class);
                        conversation.lastActivityAt = MessageViews.instant(rs.getTimestamp(9));
                        conversation.lastFrameSeq = rs.getLong(10);
                        conversations.put(id, conversation);
                    }
                    UUID userId = rs.getObject(11, UUID.class);
                    if (userId != null) {
                        Member member = new Member(userId, true);
                        member.owner = rs.getBoolean(12);
                        member.joinedAt = MessageViews.instant(rs.getTimestamp(13));
                        member.seenUpTo = rs.getLong(14);
                        conversation.members.put(userId, member);
                        nicknames.putIfAbsent(userId, Optional.ofNullable(rs.getString(15)));
                    }
                },
                (Object) ids.toArray(UUID[]::new));
    }

    /** A conversation started in this batch. */
    Conversation start(UUID id, String title, UUID ownerId, Instant startedAt) {
        Conversation conversation = new Conversation(id, ownerId, startedAt, false);
        conversation.title = title;
        conversation.lastActivityAt = startedAt;
        conversation.changed = true;
        conversations.put(id, conversation);
        return conversation;
    }

    /** Adds (or adds again) a member. */
    void join(Conversation conversation, UUID userId, boolean owner, Instant joinedAt) {
        Member before = conversation.members.get(userId);
        Member member = new Member(userId, before != null && before.stored);
        member.owner = owner;
        member.joinedAt = joinedAt;
        member.changed = true;
        conversation.members.put(userId, member);
    }

    void leave(Member member) {
        member.present = false;
        member.changed = true;
    }

    void seenUpTo(Member member, long sequence) {
        member.seenUpTo = sequence;
        member.changed = true;
    }

    void user(UUID userId, String nickname) {
        users.add("INSERT INTO chat_users (id, nickname) VALUES (?, ?) ON CONFLICT DO NOTHING", userId, nickname);
        nicknames.put(userId, Optional.of(nickname));
    }

    /** The user's nickname as this group has it (registered in this batch or before); null if never registered. */
    String nickname(UUID userId) {
        return nicknames
                .computeIfAbsent(
                        userId,
                        id -> jdbc.query(
                                "SELECT nickname FROM chat_users WHERE id = ?",
                                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(),
                                id))
                .orElse(null);
    }

    void defineEmoji(String key, String unicode) {
        emojiRows.add(
                "INSERT INTO chat_emojis (key, unicode) VALUES (?, ?)"
                        + " ON CONFLICT (key) DO UPDATE SET unicode = EXCLUDED.unicode",
                key,
                unicode);
        emojis.put(key, Optional.of(unicode));
    }

    /** A reaction's emoji: defined later by another segment, the key stands in for its unicode until then. */
    void emojiUsed(String key) {
        emojiRows.add("INSERT INTO chat_emojis (key, unicode) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, key);
        emojis.computeIfAbsent(key, this::storedUnicode);
    }

    String unicode(String key) {
        return emojis.computeIfAbsent(key, this::storedUnicode).orElse(key);
    }

    private Optional<String> storedUnicode(String key) {
        return jdbc.query(
                "SELECT unicode FROM chat_emojis WHERE key = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(),
                key);
    }

    void message(
            UUID id,
            Conversation conversation,
            long sequence,
            UUID senderId,
            String content,
            String clientMessageId,
            Instant sentAt,
            UUID replyTo,
            List<UUID> mentions,
            String eventId,
            Long tokenPosition,
            long eventSequence) {
        // The position is the event's own global index where the store is this database, else (Axon Server) its token.
        messages.add(
                "INSERT INTO chat_messages (id, conversation_id, sequence, sender_id, content, client_message_id,"
                        + " sent_at, reply_to, mentions, position, sent_event_sequence, erased)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((" + GLOBAL_INDEX + "), ?), ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                id,
                conversation.id,
                sequence,
                senderId,
                content,
                clientMessageId,
                Timestamp.from(sentAt),
                replyTo,
                mentions.toArray(UUID[]::new),
                eventId,
                tokenPosition,
                eventSequence,
                content == null);
        messagesById.put(id, Optional.of(new Message(senderId, conversation.id, content, false, mentions)));
        conversation.lastSequence = sequence;
        conversation.lastMessageId = id;
        conversation.lastActivityAt = sentAt;
        conversation.changed = true;
    }

    /** The message as the batch leaves it so far (sent in it or before); empty when unknown. */
    Optional<Message> message(UUID id) {
        return messagesById.computeIfAbsent(
                id,
                key -> jdbc.query(
                        "SELECT sender_id, conversation_id, content, deleted, mentions FROM chat_messages WHERE id = ?",
                        rs -> rs.next()
                                ? Optional.of(new Message(
                                        rs.getObject(1, UUID.class),
                                        rs.getObject(2, UUID.class),
                                        rs.getString(3),
                                        rs.getBoolean(4),
                                        List.of((UUID[]) rs.getArray(5).getArray())))
                                : Optional.<Message>empty(),
                        key));
    }

    void edit(UUID messageId, String content, List<UUID> mentions, Instant at) {
        message(messageId)
                .filter(before -> !before.deleted())
                .ifPresent(before -> messagesById.put(
                        messageId,
                        Optional.of(
                                new Message(before.senderId(), before.conversationId(), content, false, mentions))));
        messageChanges.add(
                "UPDATE chat_messages SET content = ?, mentions = ?, edited_at = ? WHERE id = ? AND NOT deleted",
                content,
                mentions.toArray(UUID[]::new),
                Timestamp.from(at),
                messageId);
    }

    void delete(UUID messageId, Instant at) {
        message(messageId)
                .ifPresent(before -> messagesById.put(
                        messageId,
                        Optional.of(new Message(before.senderId(), before.conversationId(), null, true, List.of()))));
        messageChanges.add(
                "UPDATE chat_messages SET deleted = TRUE, deleted_at = ?, content = NULL, mentions = '{}' WHERE id = ?",
                Timestamp.from(at),
                messageId);
        deletedMessages.add(new Object[] {messageId});
    }

    /**
     * The user's content erased: every message they sent before the erasure ({@code position}: its event's) loses its
     * content and mentions, here and in the stored frames and quotes, after this batch's own rows are written (a replay
     * batch may hold messages they sent after it, under a new key). In conversations on hold it stays until the hold
     * ends ({@link #releaseHold}).
     */
    void erase(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations) {
        messagesById.replaceAll((id, message) -> message.filter(
                        m -> m.senderId().equals(senderId) && !heldConversations.contains(m.conversationId()))
                .map(m -> Optional.of(m.erased()))
                .orElse(message));
        UUID[] held = heldConversations.toArray(UUID[]::new);
        erasures(
                "sender_id = ? AND (position IS NULL OR position < ?) AND NOT (conversation_id = ANY (?))",
                senderId,
                position,
                held);
        for (UUID conversationId : heldConversations) {
            erasures.add(
                    "INSERT INTO chat_pending_erasures (conversation_id, user_id, before_position, erased_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (conversation_id, user_id) DO UPDATE SET"
                            + " before_position = GREATEST(chat_pending_erasures.before_position,"
                            + " EXCLUDED.before_position), erased_at = GREATEST(chat_pending_erasures.erased_at,"
                            + " EXCLUDED.erased_at)",
                    conversationId,
                    senderId,
                    position,
                    Timestamp.from(erasedAt));
            applyHeldErasure(conversationId, senderId);
        }
    }

    /**
     * The user's erasure held back in the conversation applies once both its event and the hold's release (which
     * names the user) are projected, in whichever order they come (user and conversation events can be in different
     * segments): what they sent there before the erasure, unless an edit after it (under a new key) replaced it.
     */
    private void applyHeldErasure(UUID conversationId, UUID userId) {
        erasures(
                "conversation_id = ? AND sender_id = ? AND EXISTS (SELECT 1 FROM chat_pending_erasures p"
                        + " WHERE p.conversation_id = chat_messages.conversation_id"
                        + " AND p.user_id = chat_messages.sender_id AND p.released AND p.before_position IS NOT NULL"
                        + " AND COALESCE(chat_messages.position, 0) < p.before_position"
                        + " AND (chat_messages.edited_at IS NULL OR chat_messages.edited_at < p.erased_at))",
                conversationId,
                userId);
        erasures.add(
                "DELETE FROM chat_pending_erasures WHERE conversation_id = ? AND user_id = ? AND released"
                        + " AND before_position IS NOT NULL",
                conversationId,
                userId);
    }

    /**
     * The conversation's content written before {@code before} (retention) is erased, as in {@link #erase}: a message
     * whose current content (its last edit's, or what was sent) is older. (This batch's later events still see it in
     * {@link #message}; quotes in their frames are emptied with the rest.)
     */
    void expire(UUID conversationId, Instant before) {
        erasures("conversation_id = ? AND COALESCE(edited_at, sent_at) < ?", conversationId, Timestamp.from(before));
        // And what an edit since replaced: the frames written before it, and quotes of text sent before it.
        erasures.add(FrameLog.FORGET_WRITTEN_BEFORE_SQL, conversationId, Timestamp.from(before));
        erasures.add(
                FrameLog.FORGET_EXCERPTS_SQL_OF
                        + "(SELECT id FROM chat_messages WHERE conversation_id = ? AND sent_at < ?)",
                conversationId,
                Timestamp.from(before));
    }

    /** The hold ended: the erasures of {@code erasedUsers} it held back apply to this conversation now. */
    void releaseHold(UUID conversationId, List<UUID> erasedUsers) {
        conversationPolicy("legal_hold_reason = NULL, legal_hold_by = NULL, legal_hold_at = NULL", conversationId);
        for (UUID userId : erasedUsers) {
            erasures.add(
                    "INSERT INTO chat_pending_erasures (conversation_id, user_id, released) VALUES (?, ?, TRUE)"
                            + " ON CONFLICT (conversation_id, user_id) DO UPDATE SET released = TRUE",
                    conversationId,
                    userId);
            applyHeldErasure(conversationId, userId);
        }
    }

    void hold(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {
        conversationPolicy(
                "legal_hold_reason = ?, legal_hold_by = ?, legal_hold_at = ?",
                conversationId,
                reason,
                placedBy,
                Timestamp.from(placedAt));
    }

    void retention(UUID conversationId, int days) {
        conversationPolicy("retention_days = ?", conversationId, days);
    }

    private void conversationPolicy(String assignments, UUID conversationId, Object... values) {
        Object[] parameters = Arrays.copyOf(values, values.length + 1);
        parameters[values.length] = conversationId;
        messageChanges.add("UPDATE chat_conversations SET " + assignments + " WHERE id = ?", parameters);
    }

    /**
     * Empties the messages that {@code where} selects (a condition on {@code chat_messages}), their stored frames and
     * the quotes of them in replies, once this batch's rows and frames are written.
     */
    private void erasures(String where, Object... parameters) {
        erasures.add(
                "UPDATE chat_messages SET content = NULL, mentions = '{}', erased = TRUE WHERE " + where
                        + " AND NOT erased",
                parameters);
        erasures.add(FrameLog.FORGET_CONTENT_SQL_OF + "(SELECT id FROM chat_messages WHERE " + where + ")", parameters);
        erasures.add(
                FrameLog.FORGET_EXCERPTS_SQL_OF + "(SELECT id FROM chat_messages WHERE " + where + ")", parameters);
    }

    /** The others' messages in {@code (after, upTo]} marked seen by the user, each at its first time. */
    void seen(UUID userId, UUID conversationId, long after, long upTo, Instant at) {
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

    void react(UUID userId, UUID messageId, UUID conversationId, String emojiKey) {
        reactions.add(
                "INSERT INTO chat_message_reactions (user_id, message_id, emoji_id, conversation_id)"
                        + " SELECT ?, ?, e.id, ? FROM chat_emojis e WHERE e.key = ? ON CONFLICT DO NOTHING",
                userId,
                messageId,
                conversationId,
                emojiKey);
    }

    void unreact(UUID userId, UUID messageId, String emojiKey) {
        reactions.add(
                "DELETE FROM chat_message_reactions r USING chat_emojis e"
                        + " WHERE r.emoji_id = e.id AND r.user_id = ? AND r.message_id = ? AND e.key = ?",
                userId,
                messageId,
                emojiKey);
    }

    /** A frame's row for {@code chat_frames}, as {@link FrameLog#row} makes it. */
    void frame(Object[] row) {
        frames.add(row);
    }

    /**
     * Writes everything the batch changed, in the order the rows depend on each other: users and emojis, then
     * conversations and members, messages, what reads messages (seen marks, reactions), and the frames.
     */
    void write() {
        ProjectionCommits.deferFlush(jdbc);
        users.write(jdbc);
        emojiRows.write(jdbc);
        List<Object[]> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        Statements members = new Statements();
        for (Conversation c : conversations.values()) {
            if (c == null || !c.changed && c.members.values().stream().noneMatch(m -> m.changed)) {
                continue;
            }
            Object[] row = {
                c.title,
                c.closed,
                timestamp(c.closedAt),
                c.lastSequence,
                c.lastMessageId,
                Timestamp.from(c.lastActivityAt),
                c.lastFrameSeq,
                c.id
            };
            if (!c.stored) {
                inserted.add(append(row, c.ownerId, Timestamp.from(c.startedAt)));
            } else if (c.changed) {
                updated.add(row);
            }
            for (Member m : c.members.values()) {
                if (!m.changed) {
                    continue;
                }
                if (m.stored && m.present) {
                    members.add(
                            "UPDATE chat_conversation_members SET owner = ?, joined_at = ?, seen_up_to = ?"
                                    + " WHERE conversation_id = ? AND user_id = ?",
                            m.owner,
                            Timestamp.from(m.joinedAt),
                            m.seenUpTo,
                            c.id,
                            m.userId);
                } else if (m.stored) {
                    members.add(
                            "DELETE FROM chat_conversation_members WHERE conversation_id = ? AND user_id = ?",
                            c.id,
                            m.userId);
                } else if (m.present) {
                    members.add(
                            "INSERT INTO chat_conversation_members (conversation_id, user_id, owner, joined_at,"
                                    + " seen_up_to) VALUES (?, ?, ?, ?, ?)",
                            c.id,
                            m.userId,
                            m.owner,
                            Timestamp.from(m.joinedAt),
                            m.seenUpTo);
                }
            }
        }
        jdbc.batchUpdate(
                "INSERT INTO chat_conversations (title, closed, closed_at, last_sequence, last_message_id,"
                        + " last_activity_at, last_frame_seq, id, owner_id, started_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserted);
        jdbc.batchUpdate(
                "UPDATE chat_conversations SET title = ?, closed = ?, closed_at = ?, last_sequence = ?,"
                        + " last_message_id = ?, last_activity_at = ?, last_frame_seq = ? WHERE id = ?",
                updated);
        members.write(jdbc);
        messages.write(jdbc);
        messageChanges.write(jdbc);
        seen.write(jdbc);
        reactions.write(jdbc);
        jdbc.batchUpdate(FrameLog.INSERT_SQL, frames);
        frames.clear();
        // After the frames of this batch, which may hold the deleted messages too.
        jdbc.batchUpdate(FrameLog.FORGET_CONTENT_SQL, deletedMessages);
        jdbc.batchUpdate(FrameLog.FORGET_QUOTES_SQL, deletedMessages);
        deletedMessages.clear();
        erasures.write(jdbc);
    }

    private static Object[] append(Object[] row, Object... more) {
        Object[] all = Arrays.copyOf(row, row.length + more.length);
        System.arraycopy(more, 0, all, row.length, more.length);
        return all;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

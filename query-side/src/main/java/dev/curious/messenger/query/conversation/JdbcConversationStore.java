package dev.curious.messenger.query.conversation;

import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import dev.curious.messenger.query.conversation.ConversationBatch.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The conversations group's read model in PostgreSQL, read and written in plain SQL. */
@Component
class JdbcConversationStore implements ConversationStore {

    /** An event's own position in the PostgreSQL store's global order (none on Axon Server). */
    static final String GLOBAL_INDEX = "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?";

    private static final String CONVERSATIONS_SQL =
            "SELECT c.id, c.title, c.owner_id, c.closed, c.closed_at, c.started_at, c.last_sequence, c.last_message_id,"
                    + " c.last_activity_at, c.last_frame_seq, m.user_id, m.owner, m.joined_at, m.seen_up_to,"
                    + " u.nickname FROM chat_conversations c"
                    + " LEFT JOIN chat_conversation_members m ON m.conversation_id = c.id"
                    + " LEFT JOIN chat_users u ON u.id = m.user_id WHERE c.id = ANY (?)";

    private final JdbcTemplate jdbc;
    private final FrameLog frames;

    JdbcConversationStore(JdbcTemplate jdbc, FrameLog frames) {
        this.jdbc = jdbc;
        this.frames = frames;
    }

    @Override
    public Loaded conversations(Collection<UUID> ids) {
        Map<UUID, Conversation> conversations = new LinkedHashMap<>();
        Map<UUID, String> nicknames = new HashMap<>();
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
                        nicknames.put(userId, rs.getString(15));
                    }
                },
                (Object) ids.toArray(UUID[]::new));
        return new Loaded(new ArrayList<>(conversations.values()), nicknames);
    }

    @Override
    public Optional<String> nickname(UUID userId) {
        return jdbc.query(
                "SELECT nickname FROM chat_users WHERE id = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(),
                userId);
    }

    @Override
    public Optional<String> unicode(String emojiKey) {
        return jdbc.query(
                "SELECT unicode FROM chat_emojis WHERE key = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(),
                emojiKey);
    }

    @Override
    public Optional<Message> message(UUID messageId) {
        return jdbc.query(
                "SELECT sender_id, conversation_id, content, deleted, mentions FROM chat_messages WHERE id = ?",
                rs -> rs.next()
                        ? Optional.of(new Message(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getBoolean(4),
                                List.of((UUID[]) rs.getArray(5).getArray())))
                        : Optional.<Message>empty(),
                messageId);
    }

    @Override
    public OptionalLong globalIndex(String eventId) {
        List<Long> index = jdbc.queryForList(GLOBAL_INDEX, Long.class, eventId);
        return index.isEmpty() ? OptionalLong.empty() : OptionalLong.of(index.get(0));
    }

    @Override
    public List<UUID> conversationsWrittenIn(UUID senderId, Collection<UUID> except) {
        return jdbc.queryForList(
                "SELECT DISTINCT conversation_id FROM chat_messages WHERE sender_id = ?"
                        + " AND NOT (conversation_id = ANY (?))",
                UUID.class,
                senderId,
                except.toArray(UUID[]::new));
    }

    @Override
    public BatchWriter writer() {
        return new JdbcBatchWriter(jdbc, frames);
    }

    @Override
    public void reset() {
        jdbc.execute("TRUNCATE chat_pending_erasures, chat_message_reactions, chat_seen_messages, chat_messages,"
                + " chat_conversation_members, chat_conversations, chat_emojis, chat_users RESTART IDENTITY");
    }
}

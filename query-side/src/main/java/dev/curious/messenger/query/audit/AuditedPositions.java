package dev.curious.messenger.query.audit;

import dev.curious.messenger.api.audit.AuditMessagePositions;
import dev.curious.messenger.api.audit.AuditMessagePositionsQuery;
import dev.curious.messenger.api.audit.AuditNicknamesQuery;
import dev.curious.messenger.api.user.UserList;
import dev.curious.messenger.api.user.UserSummary;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a conversation's state as of a time needs from the read models: where a page of its messages sits in its event
 * stream (the events themselves give what the messages were then), and the nicknames to show.
 */
@Component
class AuditedPositions {

    static final int MAX_NICKNAMES = 1_000;

    private final JdbcTemplate jdbc;

    AuditedPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    AuditMessagePositions handle(AuditMessagePositionsQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), AuditLog.MAX_PAGE_SIZE));
        long before = query.before() == null ? Long.MAX_VALUE : query.before();
        List<AuditMessagePositions.Position> messages = jdbc.query(
                "SELECT id, sequence, coalesce(sent_event_sequence, 0), sender_id, sent_at FROM chat_messages"
                        + " WHERE conversation_id = ? AND sequence < ? AND sent_at <= ?"
                        + " ORDER BY sequence DESC LIMIT ?",
                (rs, row) -> new AuditMessagePositions.Position(
                        rs.getObject(1, UUID.class),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getObject(4, UUID.class),
                        rs.getTimestamp(5).toInstant()),
                query.conversationId(),
                before,
                Timestamp.from(query.asOf()),
                limit);
        Long sent = jdbc.queryForObject(
                "SELECT count(*) FROM chat_messages WHERE conversation_id = ? AND sent_at <= ?",
                Long.class,
                query.conversationId(),
                Timestamp.from(query.asOf()));
        return new AuditMessagePositions(messages, sent == null ? 0 : sent);
    }

    @QueryHandler
    UserList handle(AuditNicknamesQuery query) {
        UUID[] ids = query.userIds().stream().distinct().limit(MAX_NICKNAMES).toArray(UUID[]::new);
        return new UserList(jdbc.query(
                "SELECT id, nickname FROM chat_users WHERE id = ANY (?) ORDER BY nickname",
                (rs, row) -> new UserSummary(rs.getObject(1, UUID.class), rs.getString(2)),
                (Object) ids));
    }
}

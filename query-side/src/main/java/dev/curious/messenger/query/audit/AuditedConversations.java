package dev.curious.messenger.query.audit;

import dev.curious.messenger.api.audit.AuditConversationsQuery;
import dev.curious.messenger.api.audit.AuditedConversation;
import dev.curious.messenger.api.audit.AuditedConversationList;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Lists any conversations for auditors, from the conversation read model. */
@Component
class AuditedConversations {

    private final JdbcTemplate jdbc;

    AuditedConversations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    AuditedConversationList handle(AuditConversationsQuery query) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.title, c.owner_id, c.closed, c.started_at,"
                + " c.last_activity_at, c.last_sequence,"
                + " ARRAY(SELECT m.user_id FROM chat_conversation_members m WHERE m.conversation_id = c.id"
                + " ORDER BY m.joined_at, m.user_id) AS members"
                + " FROM chat_conversations c WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (query.memberId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM chat_conversation_members m"
                    + " WHERE m.conversation_id = c.id AND m.user_id = ?)");
            params.add(query.memberId());
        }
        if (query.q() != null && !query.q().isBlank()) {
            String q = query.q().strip();
            sql.append(" AND (strpos(lower(c.title), lower(?)) > 0 OR EXISTS (SELECT 1 FROM chat_conversation_members m"
                    + " JOIN chat_users u ON u.id = m.user_id WHERE m.conversation_id = c.id"
                    + " AND lower(u.nickname) LIKE ? ESCAPE '\\')");
            params.add(q);
            params.add(likePrefix(q.toLowerCase(Locale.ROOT)));
            UUID id = uuidOrNull(q);
            if (id != null) {
                sql.append(" OR c.id = ?");
                params.add(id);
            }
            sql.append(")");
        }
        if (query.from() != null) {
            sql.append(" AND c.last_activity_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND c.started_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY c.last_activity_at DESC, c.id LIMIT ?");
        params.add(Math.max(1, Math.min(query.limit(), AuditLog.MAX_PAGE_SIZE)));
        return new AuditedConversationList(jdbc.query(
                sql.toString(),
                (rs, row) -> new AuditedConversation(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getObject("owner_id", UUID.class),
                        rs.getBoolean("closed"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("last_activity_at").toInstant(),
                        rs.getLong("last_sequence"),
                        uuids(rs.getArray("members"))),
                params.toArray()));
    }

    private static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
    }
}

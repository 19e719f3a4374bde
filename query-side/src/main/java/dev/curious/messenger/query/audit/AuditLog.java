package dev.curious.messenger.query.audit;

import dev.curious.messenger.api.audit.AuditEntry;
import dev.curious.messenger.api.audit.AuditLogPage;
import dev.curious.messenger.api.audit.AuditLogQuery;
import dev.curious.messenger.api.audit.RecordAuditEntry;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the audit log, and takes the rows that no event stands for (denied attempts, audit queries). */
@Component
class AuditLog {

    static final int MAX_PAGE_SIZE = 200;

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @CommandHandler
    void handle(RecordAuditEntry entry) {
        jdbc.update(
                "INSERT INTO audit_log (at, actor_id, action, conversation_id, message_id, outcome, correlation_id,"
                        + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(entry.at()),
                entry.actorId(),
                fit(entry.action(), 255),
                entry.conversationId(),
                entry.messageId(),
                fit(entry.outcome(), 32),
                fit(entry.correlationId(), 64),
                fit(entry.detail(), 500));
    }

    /** A row is never lost to a value longer than its column: the log keeps the start of it. */
    private static String fit(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    @QueryHandler
    AuditLogPage handle(AuditLogQuery query) {
        StringBuilder sql = new StringBuilder(
                "SELECT at, actor_id, action, conversation_id, message_id, outcome, correlation_id FROM audit_log"
                        + " WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            params.add(Timestamp.from(query.to()));
        }
        if (query.actorId() != null) {
            sql.append(" AND actor_id = ?");
            params.add(query.actorId());
        }
        if (query.conversationId() != null) {
            sql.append(" AND conversation_id = ?");
            params.add(query.conversationId());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = ?");
            params.add(query.outcome());
        }
        int size = query.size() <= 0 ? 50 : Math.min(query.size(), MAX_PAGE_SIZE);
        int page = Math.max(0, query.page());
        sql.append(" ORDER BY at, id LIMIT ? OFFSET ?");
        params.add(size);
        params.add((long) page * size);
        List<AuditEntry> entries = jdbc.query(
                sql.toString(),
                (rs, row) -> new AuditEntry(
                        rs.getTimestamp(1).toInstant(),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getString(7)),
                params.toArray());
        return new AuditLogPage(entries, page, size);
    }
}

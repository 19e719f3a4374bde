package dev.curious.messenger.query.audit;

import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.ProjectionCommits;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One audit row per stored event. Rows are collected over a processor's batch and written in one JDBC batch just
 * before the batch's transaction (which also stores the token) commits; {@code ON CONFLICT (event_id) DO NOTHING}
 * makes a repeated event a no-op.
 */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT)
class AuditProjection {

    static final String STORED = "Stored";
    private static final String PENDING_ROWS = AuditProjection.class.getName() + ".rows";

    private final JdbcTemplate jdbc;
    private final Map<Class<?>, Method[]> subjectAccessors = new ConcurrentHashMap<>();

    AuditProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        Method[] subject = subjectAccessors.computeIfAbsent(payload.getClass(), AuditProjection::subjectAccessors);
        pendingRows().add(new Object[] {
            Timestamp.from(event.getTimestamp()),
            uuid(event.getMetaData().get("userId")),
            payload.getClass().getSimpleName(),
            invoke(subject[0], payload),
            invoke(subject[1], payload),
            STORED,
            event.getMetaData().get("correlationId"),
            event.getIdentifier()
        });
    }

    @ResetHandler
    void reset() {
        // Only the rows of events: denied attempts and audit queries have no event to be rebuilt from.
        jdbc.update("DELETE FROM audit_log WHERE event_id IS NOT NULL");
    }

    private List<Object[]> pendingRows() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            List<Object[]> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> write(rows));
            return rows;
        });
    }

    private void write(List<Object[]> rows) {
        ProjectionCommits.deferFlush(jdbc);
        jdbc.batchUpdate(
                "INSERT INTO audit_log (at, actor_id, action, conversation_id, message_id, outcome, correlation_id,"
                        + " event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                rows);
    }

    /** The accessors of a payload's {@code conversationId} and {@code messageId}, where it has them. */
    private static Method[] subjectAccessors(Class<?> payloadType) {
        Method[] accessors = new Method[2];
        RecordComponent[] components = payloadType.getRecordComponents();
        if (components != null) {
            for (RecordComponent component : components) {
                if (component.getType() == UUID.class && component.getName().equals("conversationId")) {
                    accessors[0] = component.getAccessor();
                } else if (component.getType() == UUID.class
                        && component.getName().equals("messageId")) {
                    accessors[1] = component.getAccessor();
                }
            }
        }
        return accessors;
    }

    private static Object invoke(Method accessor, Object payload) {
        try {
            return accessor == null ? null : accessor.invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}

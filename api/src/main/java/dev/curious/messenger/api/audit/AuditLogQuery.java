package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page of the audit log, oldest first; every criterion is optional ({@code null}). {@code outcome} is one of
 * {@link #OUTCOMES}: {@code Stored} (an event), {@code Denied} (the caller was not allowed), {@code Rejected} (a
 * command broke another rule), {@code Answered} (an audit query).
 */
public record AuditLogQuery(
        Instant from,
        Instant to,
        UUID actorId,
        UUID conversationId,
        String action,
        int page,
        int size,
        String outcome) {

    /** The outcomes the log stores. */
    public static final List<String> OUTCOMES = List.of("Stored", "Denied", "Rejected", "Answered");

    /** Any outcome. */
    public AuditLogQuery(
            Instant from, Instant to, UUID actorId, UUID conversationId, String action, int page, int size) {
        this(from, to, actorId, conversationId, action, page, size, null);
    }
}

package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Adds a row to the audit log that no stored event stands for: a denied attempt or an audit query. Handled by the
 * query side, which owns the log; such rows survive a replay of the log.
 */
public record RecordAuditEntry(
        Instant at,
        UUID actorId,
        String action,
        UUID conversationId,
        UUID messageId,
        String outcome,
        String correlationId,
        String detail) {}

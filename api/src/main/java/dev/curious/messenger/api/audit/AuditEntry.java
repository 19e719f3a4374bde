package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/** One row of the audit log: a stored event ({@code outcome} "Stored") or a denied attempt. */
public record AuditEntry(
        Instant at,
        UUID actorId,
        String action,
        UUID conversationId,
        UUID messageId,
        String outcome,
        String correlationId) {}

package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/** A page of the audit log, oldest first; every criterion is optional ({@code null}). */
public record AuditLogQuery(
        Instant from, Instant to, UUID actorId, UUID conversationId, String action, int page, int size) {}

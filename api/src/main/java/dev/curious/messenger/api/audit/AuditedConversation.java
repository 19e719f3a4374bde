package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as an auditor lists it. */
public record AuditedConversation(
        UUID id,
        String title,
        UUID ownerId,
        boolean closed,
        Instant startedAt,
        Instant lastActivityAt,
        long messageCount,
        List<UUID> memberIds) {}

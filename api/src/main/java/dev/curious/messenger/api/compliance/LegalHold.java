package dev.curious.messenger.api.compliance;

import java.time.Instant;
import java.util.UUID;

/** A conversation's legal hold as auditors see it: why, by whom, since when. */
public record LegalHold(String reason, UUID placedBy, Instant placedAt) {}

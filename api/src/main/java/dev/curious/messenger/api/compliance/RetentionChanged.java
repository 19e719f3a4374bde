package dev.curious.messenger.api.compliance;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The conversation's content is kept for {@code days} after it was written, then erased. */
@Revision("1")
public record RetentionChanged(UUID conversationId, int days, UUID changedBy, Instant changedAt) {}

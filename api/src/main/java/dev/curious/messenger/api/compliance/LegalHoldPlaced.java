package dev.curious.messenger.api.compliance;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** While held, neither retention nor a user's erasure touches the conversation's content. */
@Revision("1")
public record LegalHoldPlaced(UUID conversationId, String reason, UUID placedBy, Instant placedAt) {}

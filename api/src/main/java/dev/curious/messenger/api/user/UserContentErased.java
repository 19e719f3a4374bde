package dev.curious.messenger.api.user;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user's keys were destroyed: the content of every message they sent until {@code erasedAt} is unreadable
 * everywhere, and whoever keeps a copy drops it.
 */
@Revision("1")
public record UserContentErased(UUID userId, UUID erasedBy, Instant erasedAt) {}

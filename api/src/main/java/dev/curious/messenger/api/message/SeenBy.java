package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;

/** A user who saw a message, and when first. */
public record SeenBy(UUID userId, Instant seenAt) {}

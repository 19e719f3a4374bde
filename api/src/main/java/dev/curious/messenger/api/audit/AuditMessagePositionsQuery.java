package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Where the conversation's newest {@code limit} messages sent at or before {@code asOf} (and before sequence
 * {@code before}, when given) are: their ids, sequences and the positions of their {@code MessageSent} in the
 * conversation's event stream, newest first, so that a reader of the events as of a time starts at the oldest of
 * them rather than at the stream's start. Answers {@link AuditMessagePositions}.
 */
public record AuditMessagePositionsQuery(UUID conversationId, Instant asOf, Long before, int limit) {}

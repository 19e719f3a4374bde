package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch of a conversation's messages for an auditor's export, oldest first: sequence above {@code afterSequence},
 * sent in {@code [from, to)} (either open when null); empty when the conversation does not exist.
 */
public record ExportMessagesQuery(UUID conversationId, Instant from, Instant to, long afterSequence, int limit) {}

package dev.curious.messenger.api.message;

import java.util.UUID;

/** The answer to {@link SendMessage}: the id and the conversation sequence the message was stored under. */
public record MessageAccepted(UUID messageId, long sequence) {}

package dev.curious.messenger.api.message;

import java.util.UUID;

/** The conversation a message belongs to, for commands addressed by message id only; empty when unknown. */
public record LocateMessageQuery(UUID messageId) {}

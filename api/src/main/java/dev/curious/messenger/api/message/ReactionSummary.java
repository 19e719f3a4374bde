package dev.curious.messenger.api.message;

import java.util.List;
import java.util.UUID;

/** The reactions to a message with one emoji. */
public record ReactionSummary(String emojiKey, String unicode, long count, List<UUID> userIds) {}

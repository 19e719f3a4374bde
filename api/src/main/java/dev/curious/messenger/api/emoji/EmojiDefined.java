package dev.curious.messenger.api.emoji;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An emoji joined the catalog under a key; {@code definedBy} is {@code null} for the seeded ones. */
@Revision("1")
public record EmojiDefined(String emojiKey, String unicode, UUID definedBy) {}

package dev.curious.messenger.api.emoji;

import dev.curious.messenger.api.Command;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an emoji to the catalog; admin only ({@code actorId} {@code null} is the system seeding it). */
public record DefineEmoji(String emojiKey, String unicode, UUID actorId) implements Command {

    /** The one catalog there is. */
    public static final String CATALOG_ID = "emoji-catalog";

    /** Routes every definition to the single catalog. */
    @TargetAggregateIdentifier
    public String catalogId() {
        return CATALOG_ID;
    }
}

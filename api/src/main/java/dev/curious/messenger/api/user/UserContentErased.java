package dev.curious.messenger.api.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The user's keys were destroyed: the content of every message they sent until {@code erasedAt} is unreadable
 * everywhere, and whoever keeps a copy drops it, except in {@code heldConversations}: on legal hold, their content
 * there stays until the hold ends ({@code LegalHoldReleased} names the user then). Revision 1 had no holds.
 */
@Revision("2")
public record UserContentErased(UUID userId, UUID erasedBy, Instant erasedAt, List<UUID> heldConversations) {

    public UserContentErased {
        heldConversations = heldConversations == null ? List.of() : List.copyOf(heldConversations);
    }
}

package dev.curious.messenger.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The hold ended, and the erasures it held back applied: {@code erasedUsers} are the users erased during the hold
 * whose content in this conversation (what they sent before their erasure) is now unreadable. Retention that came
 * due during the hold follows as its own {@link ConversationContentExpired}.
 */
@Revision("1")
public record LegalHoldReleased(UUID conversationId, UUID releasedBy, Instant releasedAt, List<UUID> erasedUsers) {

    public LegalHoldReleased {
        erasedUsers = erasedUsers == null ? List.of() : List.copyOf(erasedUsers);
    }
}

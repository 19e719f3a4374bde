package dev.curious.messenger.api.conversation;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A member left ({@code removedBy} equals {@code userId}) or was removed by the owner. */
@Revision("1")
public record MemberRemoved(UUID conversationId, UUID userId, UUID removedBy) {}

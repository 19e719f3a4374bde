package dev.curious.messenger.api.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A conversation was started; {@code memberIds} includes the owner. */
@Revision("1")
public record ConversationStarted(
        UUID conversationId, String title, UUID ownerId, List<UUID> memberIds, Instant startedAt) {}

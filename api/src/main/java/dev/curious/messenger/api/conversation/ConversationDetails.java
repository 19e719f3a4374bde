package dev.curious.messenger.api.conversation;

import java.util.List;
import java.util.UUID;

/** A conversation as its members see it. */
public record ConversationDetails(UUID id, String title, UUID ownerId, boolean closed, List<MemberView> members) {}

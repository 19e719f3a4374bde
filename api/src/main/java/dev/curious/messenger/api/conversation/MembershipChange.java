package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** A user joined or left a conversation, as {@code /user/queue/notifications} tells them. */
public sealed interface MembershipChange permits AddedToConversation, RemovedFromConversation {

    UUID userId();

    UUID conversationId();

    String title();
}

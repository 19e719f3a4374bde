package dev.curious.messenger.api.conversation;

import java.util.UUID;

/** What {@code /user/queue/notifications} tells one user: they joined or left a conversation, or were mentioned. */
public sealed interface UserNotification permits AddedToConversation, RemovedFromConversation, Mentioned {

    /** The user told, who alone receives it (clients do not see this field). */
    UUID userId();

    UUID conversationId();
}

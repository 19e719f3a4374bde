package dev.curious.messenger.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.curious.messenger.command.conversation.ConversationRejections.NotAMember;
import dev.curious.messenger.command.conversation.ConversationRejections.NotOwner;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is in a conversation, who owns it, and whether it is still open: what the conversation and its {@link Messages}
 * both judge commands by. Changed only by the conversation's event sourcing handlers.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class Roster {

    private UUID conversationId;
    private UUID ownerId;
    private boolean closed;
    private final Set<UUID> members = new HashSet<>();

    boolean contains(UUID userId) {
        return members.contains(userId);
    }

    boolean isOwner(UUID userId) {
        return userId != null && userId.equals(ownerId);
    }

    boolean isClosed() {
        return closed;
    }

    Set<UUID> members() {
        return Collections.unmodifiableSet(members);
    }

    void requireMember(UUID actorId) {
        if (actorId == null || !members.contains(actorId)) {
            throw new NotAMember("No conversation " + conversationId + " for this user");
        }
    }

    void requireOwner(UUID actorId) {
        requireMember(actorId);
        if (!actorId.equals(ownerId)) {
            throw new NotOwner("Only the owner of the conversation may do this");
        }
    }

    void requireOpen() {
        if (closed) {
            throw new ConversationRejections.ConversationClosed("The conversation is closed");
        }
    }

    void start(UUID conversationId, UUID ownerId, Collection<UUID> memberIds) {
        this.conversationId = conversationId;
        this.ownerId = ownerId;
        members.addAll(memberIds);
    }

    void add(UUID userId) {
        members.add(userId);
    }

    void remove(UUID userId) {
        members.remove(userId);
    }

    void close() {
        closed = true;
    }
}

package dev.curious.messenger.command.conversation;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What the conversation remembers of a message to judge later commands: no content, so that a long conversation's
 * snapshot stays small.
 *
 * @param reactions {@code "<userId> <emojiKey>"} pairs, one per reaction
 */
record PostedMessage(long sequence, UUID senderId, boolean deleted, Set<String> reactions) {

    static PostedMessage sent(long sequence, UUID senderId) {
        return new PostedMessage(sequence, senderId, false, new HashSet<>());
    }

    PostedMessage asDeleted() {
        return new PostedMessage(sequence, senderId, true, reactions);
    }

    static String reaction(UUID userId, String emojiKey) {
        return userId + " " + emojiKey;
    }
}

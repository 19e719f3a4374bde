package dev.curious.messenger.api.frame;

/**
 * A frame of a change the read model holds, stored with it: {@code frameSeq} numbers a conversation's stored frames
 * 1, 2, 3, ... in the order the read model applied them.
 */
public sealed interface StoredFrame extends ConversationFrame
        permits MessageSentFrame,
                MessageEditedFrame,
                MessageDeletedFrame,
                MessagesSeenFrame,
                ReactionAddedFrame,
                ReactionRemovedFrame,
                MemberAddedFrame,
                MemberRemovedFrame,
                ConversationRenamedFrame,
                ConversationClosedFrame {

    long frameSeq();
}

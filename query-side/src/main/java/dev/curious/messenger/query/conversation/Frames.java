package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.frame.ContentErasedFrame;
import dev.curious.messenger.api.frame.ConversationClosedFrame;
import dev.curious.messenger.api.frame.ConversationRenamedFrame;
import dev.curious.messenger.api.frame.MemberAddedFrame;
import dev.curious.messenger.api.frame.MemberRemovedFrame;
import dev.curious.messenger.api.frame.MessageDeletedFrame;
import dev.curious.messenger.api.frame.MessageEditedFrame;
import dev.curious.messenger.api.frame.MessageSentFrame;
import dev.curious.messenger.api.frame.MessagesSeenFrame;
import dev.curious.messenger.api.frame.ReactionAddedFrame;
import dev.curious.messenger.api.frame.ReactionRemovedFrame;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionRemoved;
import dev.curious.messenger.api.message.ReplyView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The frame each event is shown as, from the event, its place ({@code seq}) and what the batch knows besides. */
final class Frames {

    private Frames() {}

    static ConversationRenamedFrame renamed(ConversationRenamed event, long seq) {
        return new ConversationRenamedFrame(event.conversationId(), seq, event.title(), event.renamedBy());
    }

    static MemberAddedFrame memberAdded(MemberAdded event, long seq, String nickname) {
        return new MemberAddedFrame(
                event.conversationId(), seq, event.userId(), nickname, false, event.joinedAt(), event.addedBy());
    }

    static MemberRemovedFrame memberRemoved(MemberRemoved event, long seq) {
        return new MemberRemovedFrame(event.conversationId(), seq, event.userId(), event.removedBy());
    }

    static ConversationClosedFrame closed(ConversationClosed event, long seq) {
        return new ConversationClosedFrame(event.conversationId(), seq, event.closedBy(), event.closedAt());
    }

    /** A new message: not yet edited, without reactions; {@code reply} is the answered message as it is now. */
    static MessageSentFrame sent(MessageSent event, long seq, String nickname, ReplyView reply, List<UUID> mentions) {
        return new MessageSentFrame(
                event.conversationId(),
                seq,
                event.messageId(),
                event.sequence(),
                event.senderId(),
                nickname,
                event.content(),
                event.sentAt(),
                null,
                false,
                List.of(),
                List.of(),
                reply,
                mentions,
                event.content() == null,
                event.clientMessageId());
    }

    static MessageEditedFrame edited(MessageEdited event, long seq, List<UUID> mentions) {
        return new MessageEditedFrame(
                event.conversationId(), seq, event.messageId(), event.content(), event.editedAt(), mentions);
    }

    static MessageDeletedFrame deleted(MessageDeleted event, long seq) {
        return new MessageDeletedFrame(
                event.conversationId(), seq, event.messageId(), event.deletedAt(), event.deletedBy());
    }

    static MessagesSeenFrame seen(MessagesSeen event, long seq) {
        return new MessagesSeenFrame(
                event.conversationId(),
                seq,
                event.userId(),
                event.messageId(),
                event.afterSequence(),
                event.upToSequence(),
                event.seenAt());
    }

    static ReactionAddedFrame reactionAdded(ReactionAdded event, long seq, String unicode) {
        return new ReactionAddedFrame(
                event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode);
    }

    static ReactionRemovedFrame reactionRemoved(ReactionRemoved event, long seq, String unicode) {
        return new ReactionRemovedFrame(
                event.conversationId(), seq, event.messageId(), event.userId(), event.emojiKey(), unicode);
    }

    /** Not stored, not numbered: content the conversation's pages may show is gone. */
    static ContentErasedFrame erased(UUID conversationId, UUID senderId, Instant erasedAt) {
        return new ContentErasedFrame(conversationId, senderId, null, erasedAt);
    }

    static ContentErasedFrame expired(ConversationContentExpired event) {
        return new ContentErasedFrame(event.conversationId(), null, event.before(), event.expiredAt());
    }
}

package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.conversation.Mentioned;
import dev.curious.messenger.api.emoji.EmojiDefined;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionRemoved;
import dev.curious.messenger.api.message.ReplyView;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

/**
 * Projects messages, their edits and deletions, seen marks, reactions and the emoji catalog, idempotently. Each change
 * is the conversation's next frame ({@link Batches#push}); a message that names members tells them.
 */
@Component
@ProcessingGroup(ProcessingGroups.CONVERSATIONS)
class MessageProjection {

    private final Batches batches;

    MessageProjection(Batches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(
            MessageSent event,
            ReplayStatus replay,
            TrackingToken token,
            @MessageIdentifier String eventId,
            @SequenceNumber long eventSequence) {
        Conversation conversation = batches.conversation(event.conversationId());
        if (event.sequence() <= conversation.lastSequence) {
            return;
        }
        ConversationBatch batch = batches.current();
        // An erased sender's content is null, and whom it named goes with it.
        List<UUID> mentions = event.mentions() == null || event.content() == null ? List.of() : event.mentions();
        batch.send(
                conversation,
                new BatchWriter.SentMessage(
                        event.messageId(),
                        conversation.id,
                        event.sequence(),
                        event.senderId(),
                        event.content(),
                        event.clientMessageId(),
                        event.sentAt(),
                        event.replyTo(),
                        mentions,
                        eventId,
                        token == null ? null : token.position().orElse(0L),
                        eventSequence));
        String nickname = batch.nickname(event.senderId());
        batches.push(replay, conversation, seq -> {
            ReplyView reply = event.replyTo() == null ? null : reply(batch, event.replyTo());
            return Frames.sent(event, seq, nickname, reply, mentions);
        });
        mentioned(replay, conversation, event.messageId(), event.senderId(), mentions);
    }

    @EventHandler
    void on(MessageEdited event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        ConversationBatch batch = batches.current();
        Optional<ConversationBatch.Message> before = batch.message(event.messageId());
        if (before.isEmpty() || before.get().deleted()) {
            return;
        }
        List<UUID> mentions = event.mentions() == null || event.content() == null ? List.of() : event.mentions();
        batch.edit(event.messageId(), event.content(), mentions, event.editedAt());
        batches.push(replay, conversation, seq -> Frames.edited(event, seq, mentions));
        // Only those the previous version did not name: an edit of a typo does not call everyone again.
        List<UUID> added = new ArrayList<>(mentions);
        added.removeAll(before.get().mentions());
        mentioned(replay, conversation, event.messageId(), before.get().senderId(), added);
    }

    @EventHandler
    void on(MessageDeleted event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        batches.current().delete(event.messageId(), event.deletedAt());
        batches.push(replay, conversation, seq -> Frames.deleted(event, seq));
    }

    @EventHandler
    void on(MessagesSeen event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        Member member = conversation.member(event.userId()).orElse(null);
        if (member != null && member.seenUpTo >= event.upToSequence()) {
            return;
        }
        batches.current()
                .seen(conversation, event.userId(), event.afterSequence(), event.upToSequence(), event.seenAt());
        batches.push(replay, conversation, seq -> Frames.seen(event, seq));
    }

    @EventHandler
    void on(EmojiDefined event) {
        // A reaction projected first (another segment) left a row with the key as its unicode: complete it.
        batches.current().defineEmoji(event.emojiKey(), event.unicode());
    }

    @EventHandler
    void on(ReactionAdded event, ReplayStatus replay) {
        ConversationBatch batch = batches.current();
        // The catalog is another aggregate: with several segments its EmojiDefined may come after this reaction.
        batch.emojiUsed(event.emojiKey());
        batch.react(event.userId(), event.messageId(), event.conversationId(), event.emojiKey());
        Conversation conversation = batches.conversation(event.conversationId());
        String unicode = batch.unicode(event.emojiKey());
        batches.push(replay, conversation, seq -> Frames.reactionAdded(event, seq, unicode));
    }

    @EventHandler
    void on(ReactionRemoved event, ReplayStatus replay) {
        ConversationBatch batch = batches.current();
        batch.unreact(event.userId(), event.messageId(), event.emojiKey());
        Conversation conversation = batches.conversation(event.conversationId());
        String unicode = batch.unicode(event.emojiKey());
        batches.push(replay, conversation, seq -> Frames.reactionRemoved(event, seq, unicode));
    }

    /** The answered message as it is now, for a reply's frame. */
    private static ReplyView reply(ConversationBatch batch, UUID messageId) {
        return batch.message(messageId)
                .map(original -> new ReplyView(
                        messageId,
                        batch.nickname(original.senderId()),
                        ReplyView.excerpt(original.content()),
                        original.deleted()))
                .orElse(new ReplyView(messageId, null, null, true));
    }

    /** Tells the members a message names (never its sender) that it does: those who are members as of the event. */
    private void mentioned(
            ReplayStatus replay, Conversation conversation, UUID messageId, UUID by, List<UUID> mentions) {
        for (UUID userId : mentions) {
            if (!userId.equals(by) && conversation.member(userId).isPresent()) {
                batches.notify(replay, new Mentioned(userId, conversation.id, messageId, by));
            }
        }
    }
}

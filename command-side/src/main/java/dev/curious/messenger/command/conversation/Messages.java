package dev.curious.messenger.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionRemoved;
import dev.curious.messenger.api.message.RemoveReaction;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.command.conversation.ConversationRejections.AlreadyExists;
import dev.curious.messenger.command.conversation.ConversationRejections.EmojiUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MessageNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.NotSender;
import dev.curious.messenger.command.conversation.ConversationRejections.ReplyInvalid;
import dev.curious.messenger.command.emoji.EmojiKeys;
import dev.curious.messenger.command.user.UserDirectory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A conversation's messages (an aggregate member of it): their order, who may change them, who saw how far, and who
 * reacted how. It judges each command by its conversation's {@link Roster}, which it is handed, not a copy.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class Messages {

    /** The conversation's, shared: a snapshot holds it once, in the conversation. */
    @JsonIgnore
    private final Roster roster;

    private final MessageLog log = new MessageLog();
    /** Per member, the highest sequence they marked seen. */
    private final Map<UUID, Integer> seenUpTo = new HashMap<>();

    Messages(Roster roster) {
        this.roster = roster;
    }

    @CommandHandler
    MessageAccepted handle(SendMessage command, UserDirectory users, Clock clock) {
        roster.requireMember(command.actorId());
        String clientMessageId = Texts.clientMessageId(command.clientMessageId());
        if (clientMessageId != null) {
            int earlier = log.sequenceForClientMessageId(command.actorId(), clientMessageId);
            if (earlier > 0) {
                return new MessageAccepted(log.idAt(earlier), earlier);
            }
        }
        roster.requireOpen();
        String content = Texts.content(command.content());
        if (command.messageId() == null || log.sequenceOf(command.messageId()) > 0) {
            throw new AlreadyExists("The message id is missing or was used before");
        }
        if (command.replyTo() != null && log.sequenceOf(command.replyTo()) == 0) {
            throw new ReplyInvalid("A reply answers a message of the same conversation");
        }
        long sequence = log.size() + 1L;
        apply(new MessageSent(
                command.conversationId(),
                command.messageId(),
                sequence,
                command.actorId(),
                content,
                clientMessageId,
                clock.instant(),
                MessageSent.TEXT,
                command.replyTo(),
                mentions(content, users)));
        return new MessageAccepted(command.messageId(), sequence);
    }

    @CommandHandler
    void handle(EditMessage command, UserDirectory users, Clock clock) {
        roster.requireMember(command.actorId());
        roster.requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        requireSender(sequence, command.actorId(), "Only the sender edits a message");
        String content = Texts.content(command.content());
        apply(new MessageEdited(
                command.conversationId(),
                command.messageId(),
                content,
                clock.instant(),
                mentions(content, users),
                command.actorId()));
    }

    @CommandHandler
    void handle(DeleteMessage command, Clock clock) {
        roster.requireMember(command.actorId());
        roster.requireOpen();
        int sequence = requireMessage(command.messageId());
        if (!roster.isOwner(command.actorId())) {
            requireSender(sequence, command.actorId(), "Only the sender or the owner deletes a message");
        }
        if (log.isDeleted(sequence)) {
            return;
        }
        apply(new MessageDeleted(command.conversationId(), command.messageId(), command.actorId(), clock.instant()));
    }

    @CommandHandler
    void handle(MarkSeen command, Clock clock) {
        roster.requireMember(command.actorId());
        int sequence = requireMessage(command.messageId());
        int watermark = seenUpTo.getOrDefault(command.actorId(), 0);
        if (sequence <= watermark || !log.othersSentBetween(command.actorId(), watermark, sequence)) {
            return;
        }
        apply(new MessagesSeen(
                command.conversationId(),
                command.actorId(),
                command.messageId(),
                watermark,
                sequence,
                clock.instant()));
    }

    @CommandHandler
    void handle(React command, EmojiKeys emojis) {
        roster.requireMember(command.actorId());
        roster.requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        if (command.emojiKey() == null || !emojis.contains(command.emojiKey())) {
            throw new EmojiUnknown("No emoji '" + command.emojiKey() + "' in the catalog");
        }
        if (log.hasReaction(sequence, command.actorId(), command.emojiKey())) {
            return;
        }
        apply(new ReactionAdded(command.conversationId(), command.messageId(), command.actorId(), command.emojiKey()));
    }

    @CommandHandler
    void handle(RemoveReaction command) {
        roster.requireMember(command.actorId());
        roster.requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        if (!log.hasReaction(sequence, command.actorId(), command.emojiKey())) {
            return;
        }
        apply(new ReactionRemoved(
                command.conversationId(), command.messageId(), command.actorId(), command.emojiKey()));
    }

    /** The members the content names; a name of anyone else mentions nobody. */
    private List<UUID> mentions(String content, UserDirectory users) {
        return Mentions.possible(content) ? Mentions.in(content, users.nicknames(roster.members())) : List.of();
    }

    private int requireMessage(UUID messageId) {
        int sequence = log.sequenceOf(messageId);
        if (sequence == 0) {
            throw new MessageNotFound("No message " + messageId + " in this conversation");
        }
        return sequence;
    }

    private int requireLiveMessage(UUID messageId) {
        int sequence = requireMessage(messageId);
        if (log.isDeleted(sequence)) {
            throw new ConversationRejections.MessageDeleted("The message was deleted");
        }
        return sequence;
    }

    private void requireSender(int sequence, UUID actorId, String message) {
        if (!log.senderAt(sequence).equals(actorId)) {
            throw new NotSender(message);
        }
    }

    @EventSourcingHandler
    void on(MessageSent event) {
        log.append(event.messageId(), event.senderId(), event.clientMessageId());
    }

    @EventSourcingHandler
    void on(MessageDeleted event) {
        log.markDeleted(log.sequenceOf(event.messageId()));
    }

    @EventSourcingHandler
    void on(MessagesSeen event) {
        seenUpTo.put(event.userId(), (int) event.upToSequence());
    }

    @EventSourcingHandler
    void on(ReactionAdded event) {
        log.addReaction(log.sequenceOf(event.messageId()), event.userId(), event.emojiKey());
    }

    @EventSourcingHandler
    void on(ReactionRemoved event) {
        log.removeReaction(log.sequenceOf(event.messageId()), event.userId(), event.emojiKey());
    }
}

package dev.curious.messenger.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.curious.messenger.api.compliance.ConversationContentExpired;
import dev.curious.messenger.api.compliance.ExpireContent;
import dev.curious.messenger.api.compliance.LegalHoldPlaced;
import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.compliance.PlaceLegalHold;
import dev.curious.messenger.api.compliance.ReleaseLegalHold;
import dev.curious.messenger.api.compliance.RetentionChanged;
import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.conversation.AddMember;
import dev.curious.messenger.api.conversation.CloseConversation;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.conversation.RenameConversation;
import dev.curious.messenger.api.conversation.StartConversation;
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
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.command.compliance.RetentionSchedule;
import dev.curious.messenger.command.conversation.ConversationRejections.AlreadyExists;
import dev.curious.messenger.command.conversation.ConversationRejections.AlreadyOnHold;
import dev.curious.messenger.command.conversation.ConversationRejections.AuditorRequired;
import dev.curious.messenger.command.conversation.ConversationRejections.EmojiUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MembersInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.MessageNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.NotAMember;
import dev.curious.messenger.command.conversation.ConversationRejections.NotOnHold;
import dev.curious.messenger.command.conversation.ConversationRejections.NotOwner;
import dev.curious.messenger.command.conversation.ConversationRejections.NotSender;
import dev.curious.messenger.command.conversation.ConversationRejections.OwnerCannotLeave;
import dev.curious.messenger.command.conversation.ConversationRejections.ReplyInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.RetentionInvalid;
import dev.curious.messenger.command.emoji.EmojiKeys;
import dev.curious.messenger.command.user.UserDirectory;
import dev.curious.messenger.command.user.UserRejections.AdminRequired;
import dev.curious.messenger.platform.content.ContentKeys;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation and its messages: who may do what, the order of messages, who saw how far, and who reacted how.
 * Snapshots (serialized as JSON, hence the field visibility) and a cache keep loading cheap as it grows.
 */
@Aggregate(snapshotTriggerDefinition = "conversationSnapshotTrigger", cache = "conversationCache")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private UUID conversationId;

    private UUID ownerId;
    private String title;
    private boolean closed;
    private final Set<UUID> members = new HashSet<>();
    private final MessageLog log = new MessageLog();
    /** Per member, the highest sequence they marked seen. */
    private final Map<UUID, Integer> seenUpTo = new HashMap<>();
    /** Days its content is kept after it was written, or null: for ever. */
    private Integer retentionDays;
    /** On legal hold: no retention, no sender's erasure. */
    private boolean held;

    Conversation() {
        // For Axon: rebuilt from a snapshot and the events after it.
    }

    @CommandHandler
    Conversation(StartConversation command, UserDirectory users, Clock clock) {
        String validTitle = Texts.title(command.title());
        if (command.memberIds() == null
                || command.memberIds().stream().anyMatch(Objects::isNull)
                || command.actorId() == null) {
            throw new MembersInvalid("Member ids must be given and not be null");
        }
        Set<UUID> allMembers = new LinkedHashSet<>();
        allMembers.add(command.actorId());
        allMembers.addAll(command.memberIds());
        if (allMembers.size() < 2) {
            throw new MembersInvalid("A conversation has at least two distinct members, the starter included");
        }
        Set<UUID> unknown = users.unknown(allMembers);
        if (!unknown.isEmpty()) {
            throw new MemberUnknown("No such users: " + unknown);
        }
        apply(new ConversationStarted(
                command.conversationId(), validTitle, command.actorId(), List.copyOf(allMembers), clock.instant()));
    }

    @CommandHandler
    void handle(RenameConversation command) {
        requireOwner(command.actorId());
        requireOpen();
        String validTitle = Texts.title(command.title());
        if (validTitle.equals(title)) {
            return;
        }
        apply(new ConversationRenamed(conversationId, validTitle, command.actorId()));
    }

    @CommandHandler
    void handle(AddMember command, UserDirectory users, Clock clock) {
        requireOwner(command.actorId());
        requireOpen();
        if (command.userId() == null || !users.unknown(Set.of(command.userId())).isEmpty()) {
            throw new MemberUnknown("No such user: " + command.userId());
        }
        if (members.contains(command.userId())) {
            return;
        }
        apply(new MemberAdded(conversationId, command.userId(), command.actorId(), clock.instant()));
    }

    @CommandHandler
    void handle(RemoveMember command) {
        requireMember(command.actorId());
        requireOpen();
        UUID leaving = command.userId();
        if (!Objects.equals(leaving, command.actorId())) {
            requireOwner(command.actorId());
        } else if (leaving.equals(ownerId)) {
            throw new OwnerCannotLeave("The owner stays in the conversation; close it instead");
        }
        if (!members.contains(leaving)) {
            throw new MemberNotFound("Not a member: " + leaving);
        }
        apply(new MemberRemoved(conversationId, leaving, command.actorId()));
    }

    @CommandHandler
    void handle(CloseConversation command, Clock clock) {
        requireOwner(command.actorId());
        if (closed) {
            return;
        }
        apply(new ConversationClosed(conversationId, command.actorId(), clock.instant()));
    }

    @CommandHandler
    MessageAccepted handle(SendMessage command, UserDirectory users, Clock clock) {
        requireMember(command.actorId());
        String clientMessageId = Texts.clientMessageId(command.clientMessageId());
        if (clientMessageId != null) {
            int earlier = log.sequenceForClientMessageId(command.actorId(), clientMessageId);
            if (earlier > 0) {
                return new MessageAccepted(log.idAt(earlier), earlier);
            }
        }
        requireOpen();
        String content = Texts.content(command.content());
        if (command.messageId() == null || log.sequenceOf(command.messageId()) > 0) {
            throw new AlreadyExists("The message id is missing or was used before");
        }
        if (command.replyTo() != null && log.sequenceOf(command.replyTo()) == 0) {
            throw new ReplyInvalid("A reply answers a message of the same conversation");
        }
        long sequence = log.size() + 1L;
        apply(new MessageSent(
                conversationId,
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
        requireMember(command.actorId());
        requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        requireSender(sequence, command.actorId(), "Only the sender edits a message");
        String content = Texts.content(command.content());
        apply(new MessageEdited(
                conversationId,
                command.messageId(),
                content,
                clock.instant(),
                mentions(content, users),
                command.actorId()));
    }

    @CommandHandler
    void handle(DeleteMessage command, Clock clock) {
        requireMember(command.actorId());
        requireOpen();
        int sequence = requireMessage(command.messageId());
        if (!command.actorId().equals(ownerId)) {
            requireSender(sequence, command.actorId(), "Only the sender or the owner deletes a message");
        }
        if (log.isDeleted(sequence)) {
            return;
        }
        apply(new MessageDeleted(conversationId, command.messageId(), command.actorId(), clock.instant()));
    }

    @CommandHandler
    void handle(MarkSeen command, Clock clock) {
        requireMember(command.actorId());
        int sequence = requireMessage(command.messageId());
        int watermark = seenUpTo.getOrDefault(command.actorId(), 0);
        if (sequence <= watermark || !log.othersSentBetween(command.actorId(), watermark, sequence)) {
            return;
        }
        apply(new MessagesSeen(
                conversationId, command.actorId(), command.messageId(), watermark, sequence, clock.instant()));
    }

    @CommandHandler
    void handle(React command, EmojiKeys emojis) {
        requireMember(command.actorId());
        requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        if (command.emojiKey() == null || !emojis.contains(command.emojiKey())) {
            throw new EmojiUnknown("No emoji '" + command.emojiKey() + "' in the catalog");
        }
        if (log.hasReaction(sequence, command.actorId(), command.emojiKey())) {
            return;
        }
        apply(new ReactionAdded(conversationId, command.messageId(), command.actorId(), command.emojiKey()));
    }

    @CommandHandler
    void handle(RemoveReaction command) {
        requireMember(command.actorId());
        requireOpen();
        int sequence = requireLiveMessage(command.messageId());
        if (!log.hasReaction(sequence, command.actorId(), command.emojiKey())) {
            return;
        }
        apply(new ReactionRemoved(conversationId, command.messageId(), command.actorId(), command.emojiKey()));
    }

    /**
     * Keeps the conversation's content for {@code days} after it was written; an admin. What is older already is
     * erased at once (unless the conversation is on hold), the rest by the retention job as it comes due.
     */
    @CommandHandler
    void handle(SetRetention command, UserDirectory users, RetentionSchedule schedule, ContentKeys keys, Clock clock) {
        if (command.actorId() == null || !users.hasRole(command.actorId(), Role.ADMIN)) {
            throw new AdminRequired("Only an admin sets a conversation's retention");
        }
        if (command.days() == null || command.days() < 1 || command.days() > RetentionSchedule.MAX_DAYS) {
            throw new RetentionInvalid("Retention is a whole number of days from 1 to " + RetentionSchedule.MAX_DAYS);
        }
        if (!command.days().equals(retentionDays)) {
            schedule.set(conversationId, command.days());
            apply(new RetentionChanged(conversationId, command.days(), command.actorId(), clock.instant()));
        }
        expireDue(keys, clock);
    }

    /** The retention job's command: erases what its retention says is due, unless on hold. */
    @CommandHandler
    void handle(ExpireContent command, ContentKeys keys, Clock clock) {
        expireDue(keys, clock);
    }

    @CommandHandler
    void handle(PlaceLegalHold command, UserDirectory users, ContentKeys keys, Clock clock) {
        requireAuditor(command.actorId(), users);
        String reason = Texts.holdReason(command.reason());
        if (held) {
            throw new AlreadyOnHold("The conversation is on legal hold already");
        }
        keys.hold(conversationId);
        apply(new LegalHoldPlaced(conversationId, reason, command.actorId(), clock.instant()));
    }

    /** Ends the hold: the erasures it held back apply, and so does retention that came due meanwhile. */
    @CommandHandler
    void handle(ReleaseLegalHold command, UserDirectory users, ContentKeys keys, Clock clock) {
        requireAuditor(command.actorId(), users);
        if (!held) {
            throw new NotOnHold("The conversation is not on legal hold");
        }
        List<UUID> erased = keys.release(conversationId);
        apply(new LegalHoldReleased(conversationId, command.actorId(), clock.instant(), erased));
        expireDue(keys, clock);
    }

    /**
     * Destroys the keys of the days that are wholly older than the retention, and says so when there were any: the
     * content written before the start of the day {@code retentionDays} ago (UTC) is erased.
     */
    private void expireDue(ContentKeys keys, Clock clock) {
        if (held || retentionDays == null) {
            return;
        }
        LocalDate firstKept =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
        if (keys.expire(conversationId, firstKept) > 0) {
            apply(new ConversationContentExpired(
                    conversationId, firstKept.atStartOfDay(ZoneOffset.UTC).toInstant(), clock.instant()));
        }
    }

    private static void requireAuditor(UUID actorId, UserDirectory users) {
        if (actorId == null || !(users.hasRole(actorId, Role.AUDITOR) || users.hasRole(actorId, Role.ADMIN))) {
            throw new AuditorRequired("Only an auditor or an admin places or releases a legal hold");
        }
    }

    /** The members the content names; a name of anyone else mentions nobody. */
    private List<UUID> mentions(String content, UserDirectory users) {
        return Mentions.possible(content) ? Mentions.in(content, users.nicknames(members)) : List.of();
    }

    private void requireMember(UUID actorId) {
        if (actorId == null || !members.contains(actorId)) {
            throw new NotAMember("No conversation " + conversationId + " for this user");
        }
    }

    private void requireOwner(UUID actorId) {
        requireMember(actorId);
        if (!actorId.equals(ownerId)) {
            throw new NotOwner("Only the owner of the conversation may do this");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ConversationRejections.ConversationClosed("The conversation is closed");
        }
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
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        ownerId = event.ownerId();
        title = event.title();
        members.addAll(event.memberIds());
    }

    @EventSourcingHandler
    void on(ConversationRenamed event) {
        title = event.title();
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        members.add(event.userId());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(ConversationClosed event) {
        closed = true;
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
    void on(RetentionChanged event) {
        retentionDays = event.days();
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        held = true;
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        held = false;
    }

    @EventSourcingHandler
    void on(ReactionRemoved event) {
        log.removeReaction(log.sequenceOf(event.messageId()), event.userId(), event.emojiKey());
    }
}

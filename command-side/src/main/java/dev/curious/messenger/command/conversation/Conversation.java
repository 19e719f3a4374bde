package dev.curious.messenger.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonMerge;
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
import dev.curious.messenger.command.compliance.RetentionAndHold;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MembersInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.OwnerCannotLeave;
import dev.curious.messenger.command.user.UserDirectory;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation: its title and {@link Roster} (members, owner, open or closed) here, its {@link Messages} and its
 * {@link RetentionAndHold} as members of it. Snapshots (serialized as JSON, hence the field visibility; merged into
 * the fields a new instance starts with, so that its messages keep judging by its roster) and a cache keep loading
 * cheap as it grows. The revision is that of the snapshot's shape: a snapshot of another shape is not read, the
 * events are.
 */
@Aggregate(snapshotTriggerDefinition = "conversationSnapshotTrigger", cache = "conversationCache")
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class Conversation {

    @AggregateIdentifier
    private UUID conversationId;

    private String title;

    @JsonMerge
    private final Roster roster = new Roster();

    @AggregateMember
    @JsonMerge
    private final Messages messages = new Messages(roster);

    @AggregateMember
    private final RetentionAndHold compliance = new RetentionAndHold();

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
        roster.requireOwner(command.actorId());
        roster.requireOpen();
        String validTitle = Texts.title(command.title());
        if (validTitle.equals(title)) {
            return;
        }
        apply(new ConversationRenamed(conversationId, validTitle, command.actorId()));
    }

    @CommandHandler
    void handle(AddMember command, UserDirectory users, Clock clock) {
        roster.requireOwner(command.actorId());
        roster.requireOpen();
        if (command.userId() == null || !users.unknown(Set.of(command.userId())).isEmpty()) {
            throw new MemberUnknown("No such user: " + command.userId());
        }
        if (roster.contains(command.userId())) {
            return;
        }
        apply(new MemberAdded(conversationId, command.userId(), command.actorId(), clock.instant()));
    }

    @CommandHandler
    void handle(RemoveMember command) {
        roster.requireMember(command.actorId());
        roster.requireOpen();
        UUID leaving = command.userId();
        if (!Objects.equals(leaving, command.actorId())) {
            roster.requireOwner(command.actorId());
        } else if (roster.isOwner(leaving)) {
            throw new OwnerCannotLeave("The owner stays in the conversation; close it instead");
        }
        if (!roster.contains(leaving)) {
            throw new MemberNotFound("Not a member: " + leaving);
        }
        apply(new MemberRemoved(conversationId, leaving, command.actorId()));
    }

    @CommandHandler
    void handle(CloseConversation command, Clock clock) {
        roster.requireOwner(command.actorId());
        if (roster.isClosed()) {
            return;
        }
        apply(new ConversationClosed(conversationId, command.actorId(), clock.instant()));
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        title = event.title();
        roster.start(event.conversationId(), event.ownerId(), event.memberIds());
    }

    @EventSourcingHandler
    void on(ConversationRenamed event) {
        title = event.title();
    }

    @EventSourcingHandler
    void on(MemberAdded event) {
        roster.add(event.userId());
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        roster.remove(event.userId());
    }

    @EventSourcingHandler
    void on(ConversationClosed event) {
        roster.close();
    }
}

package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Projects conversations and who is in them (and the nicknames this group shows), idempotently: a repeated event
 * finds its change already made. Each change is the conversation's next frame ({@link Batches#push}).
 */
@Component
@ProcessingGroup(ProcessingGroups.CONVERSATIONS)
class MembershipProjection {

    private final Batches batches;
    private final ConversationStore store;

    MembershipProjection(Batches batches, ConversationStore store) {
        this.batches = batches;
        this.store = store;
    }

    /** The nicknames this group shows are its own: a frame never waits for (or misses) the users group. */
    @EventHandler
    void on(UserRegistered event) {
        batches.current().user(event.userId(), event.nickname());
    }

    @EventHandler
    void on(ConversationStarted event, ReplayStatus replay) {
        if (batches.find(event.conversationId()).isPresent()) {
            return;
        }
        ConversationBatch batch = batches.current();
        Conversation conversation =
                batch.start(event.conversationId(), event.title(), event.ownerId(), event.startedAt());
        for (UUID member : event.memberIds()) {
            batch.join(conversation, member, member.equals(event.ownerId()), event.startedAt());
            batches.notify(replay, new AddedToConversation(member, conversation.id, conversation.title));
        }
    }

    @EventHandler
    void on(ConversationRenamed event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        batches.current().rename(conversation, event.title());
        batches.push(replay, conversation, seq -> Frames.renamed(event, seq));
    }

    @EventHandler
    void on(MemberAdded event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        if (conversation.member(event.userId()).isPresent()) {
            return;
        }
        ConversationBatch batch = batches.current();
        batch.join(conversation, event.userId(), false, event.joinedAt());
        batches.notify(replay, new AddedToConversation(event.userId(), conversation.id, conversation.title));
        String nickname = batch.nickname(event.userId());
        batches.push(replay, conversation, seq -> Frames.memberAdded(event, seq, nickname));
    }

    @EventHandler
    void on(MemberRemoved event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        Member member = conversation.member(event.userId()).orElse(null);
        if (member == null) {
            return;
        }
        batches.current().leave(conversation, member);
        batches.notify(replay, new RemovedFromConversation(event.userId(), conversation.id, conversation.title));
        batches.push(replay, conversation, seq -> Frames.memberRemoved(event, seq));
    }

    @EventHandler
    void on(ConversationClosed event, ReplayStatus replay) {
        Conversation conversation = batches.conversation(event.conversationId());
        batches.current().close(conversation, event.closedAt());
        batches.push(replay, conversation, seq -> Frames.closed(event, seq));
    }

    /** A replay of the group starts from empty tables: all of the group's, whichever projection fills them. */
    @ResetHandler
    void reset() {
        store.reset();
    }
}

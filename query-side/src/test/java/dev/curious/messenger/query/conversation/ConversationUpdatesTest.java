package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.conversation.AddMember;
import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.MemberView;
import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.conversation.RemovedFromConversation;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import dev.curious.messenger.api.emoji.EmojiList;
import dev.curious.messenger.api.emoji.EmojiView;
import dev.curious.messenger.api.emoji.FindEmojisQuery;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.MessageDeletedFrame;
import dev.curious.messenger.api.frame.MessageEditedFrame;
import dev.curious.messenger.api.frame.MessageSentFrame;
import dev.curious.messenger.api.frame.MessagesSeenFrame;
import dev.curious.messenger.api.frame.ReactionAddedFrame;
import dev.curious.messenger.api.frame.ReactionRemovedFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.ReactionSummary;
import dev.curious.messenger.api.message.RemoveReaction;
import dev.curious.messenger.api.message.ReplyView;
import dev.curious.messenger.api.message.SeenBy;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** What a client holds (a stale page plus the frames pushed since) is what a fresh query answers. */
@SpringBootTest(classes = CommandAndQuerySides.class)
class ConversationUpdatesTest {

    @Autowired
    Chat chat;

    @Autowired
    QueryGateway queries;

    private MessagePage page(UUID conversation) {
        return queries.query(
                        new FindMessagesQuery(conversation, null, null, 200),
                        ResponseTypes.optionalInstanceOf(MessagePage.class))
                .join()
                .orElseThrow();
    }

    @Test
    void aStalePageWithThePushedFramesAppliedEqualsAFreshQuery() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Live", bob);
        UUID first = chat.send(conversation, ada, "first");
        UUID second = chat.send(conversation, bob, "second");
        chat.command(new React(conversation, first, "heart", bob));
        chat.awaitProjected();
        List<MessageView> client = new ArrayList<>(page(conversation).messages());

        List<ConversationFrame> frames = new CopyOnWriteArrayList<>();
        List<Boolean> visibleWhenPushed = new CopyOnWriteArrayList<>();
        try (SubscriptionQueryResult<Boolean, ConversationFrame> subscription = queries.subscriptionQuery(
                new WatchFramesQuery("test"),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(ConversationFrame.class))) {
            assertThat(subscription.initialResult().block()).isTrue();
            subscription
                    .updates()
                    .filter(frame -> frame.conversationId().equals(conversation))
                    .subscribe(frame -> {
                        if (frame instanceof MessageSentFrame sent) {
                            visibleWhenPushed.add(
                                    page(conversation).messages().stream().anyMatch(m -> m.id().equals(sent.id())));
                        }
                        frames.add(frame);
                    });

            UUID third = chat.send(conversation, ada, "third");
            chat.reply(conversation, bob, "@Ada agreed", first);
            chat.reply(conversation, ada, "@bob what did you mean?", second);
            chat.command(new EditMessage(conversation, first, "first, edited", ada));
            chat.command(new React(conversation, first, "heart", ada));
            chat.command(new React(conversation, third, "thumbs_up", bob));
            chat.command(new RemoveReaction(conversation, first, "heart", bob));
            chat.command(new MarkSeen(conversation, third, bob));
            chat.command(new DeleteMessage(conversation, second, bob));
            UUID fourth = chat.send(conversation, bob, "fourth");
            chat.command(new MarkSeen(conversation, fourth, ada));
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.size() == 11);
        }

        List<String> catalog =
                queries.query(new FindEmojisQuery(), ResponseTypes.instanceOf(EmojiList.class)).join().emojis().stream()
                        .map(EmojiView::key)
                        .toList();
        for (ConversationFrame frame : frames) {
            apply(client, frame, catalog);
        }
        assertThat(visibleWhenPushed).containsExactly(true, true, true, true);
        assertThat(normalized(client)).isEqualTo(normalized(page(conversation).messages()));
    }

    @Test
    void notifiesEveryoneWhoJoinsOrLeavesAConversationOnceTheReadModelShowsIt() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID cyd = chat.register("cyd");
        List<UserNotification> changes = new CopyOnWriteArrayList<>();
        List<Boolean> visibleWhenPushed = new CopyOnWriteArrayList<>();
        UUID conversation;
        try (SubscriptionQueryResult<Boolean, UserNotification> subscription = queries.subscriptionQuery(
                new WatchNotificationsQuery(),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(UserNotification.class))) {
            assertThat(subscription.initialResult().block()).isTrue();
            subscription.updates().subscribe(change -> {
                visibleWhenPushed.add(membersOf(change.conversationId()).contains(change.userId())
                        == change instanceof AddedToConversation);
                changes.add(change);
            });

            conversation = chat.start(ada, "Plans", bob);
            chat.command(new AddMember(conversation, cyd, ada));
            chat.command(new RemoveMember(conversation, bob, ada));
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.size() == 4);
        }

        assertThat(changes)
                .containsExactlyInAnyOrder(
                        new AddedToConversation(ada, conversation, "Plans"),
                        new AddedToConversation(bob, conversation, "Plans"),
                        new AddedToConversation(cyd, conversation, "Plans"),
                        new RemovedFromConversation(bob, conversation, "Plans"));
        assertThat(changes.get(3)).isInstanceOf(RemovedFromConversation.class);
        assertThat(visibleWhenPushed).containsOnly(true);
    }

    private List<UUID> membersOf(UUID conversation) {
        return queries
                .query(
                        new FindConversationQuery(conversation, null),
                        ResponseTypes.optionalInstanceOf(ConversationDetails.class))
                .join()
                .orElseThrow()
                .members()
                .stream()
                .map(MemberView::userId)
                .toList();
    }

    /** What a browser client does with a frame. */
    private static void apply(List<MessageView> messages, ConversationFrame frame, List<String> catalog) {
        if (frame instanceof MessageSentFrame sent) {
            messages.add(
                    0,
                    new MessageView(
                            sent.id(),
                            sent.conversationId(),
                            sent.sequence(),
                            sent.senderId(),
                            sent.senderNickname(),
                            sent.content(),
                            sent.sentAt(),
                            null,
                            false,
                            List.of(),
                            List.of(),
                            sent.replyTo(),
                            sent.mentions(),
                            sent.erased()));
        } else if (frame instanceof MessageEditedFrame edited) {
            replace(
                    messages,
                    edited.messageId(),
                    m -> mentioning(
                            changed(m, edited.content(), edited.editedAt(), m.deleted(), m.reactions(), m.seenBy()),
                            edited.mentions()));
            quoted(messages, edited.messageId(), ReplyView.excerpt(edited.content()), false);
        } else if (frame instanceof MessageDeletedFrame deleted) {
            replace(
                    messages,
                    deleted.messageId(),
                    m -> mentioning(changed(m, null, m.editedAt(), true, m.reactions(), m.seenBy()), List.of()));
            quoted(messages, deleted.messageId(), null, true);
        } else if (frame instanceof ReactionAddedFrame added) {
            replace(
                    messages,
                    added.messageId(),
                    m -> react(m, added.emojiKey(), added.unicode(), added.userId(), true, catalog));
        } else if (frame instanceof ReactionRemovedFrame removed) {
            replace(
                    messages,
                    removed.messageId(),
                    m -> react(m, removed.emojiKey(), removed.unicode(), removed.userId(), false, catalog));
        } else if (frame instanceof MessagesSeenFrame seenFrame) {
            for (int i = 0; i < messages.size(); i++) {
                MessageView m = messages.get(i);
                if (m.sequence() > seenFrame.afterSequence()
                        && m.sequence() <= seenFrame.upToSequence()
                        && !m.senderId().equals(seenFrame.userId())) {
                    List<SeenBy> seen = new ArrayList<>(m.seenBy());
                    seen.add(new SeenBy(seenFrame.userId(), seenFrame.seenAt()));
                    messages.set(i, changed(m, m.content(), m.editedAt(), m.deleted(), m.reactions(), seen));
                }
            }
        } else {
            throw new AssertionError("Unexpected frame " + frame);
        }
    }

    /** The message with its changeable parts replaced. */
    private static MessageView changed(
            MessageView m,
            String content,
            Instant editedAt,
            boolean deleted,
            List<ReactionSummary> reactions,
            List<SeenBy> seenBy) {
        return changed(m, content, editedAt, deleted, reactions, seenBy, m.replyTo(), m.mentions());
    }

    private static MessageView changed(
            MessageView m,
            String content,
            Instant editedAt,
            boolean deleted,
            List<ReactionSummary> reactions,
            List<SeenBy> seenBy,
            ReplyView replyTo,
            List<UUID> mentions) {
        return new MessageView(
                m.id(),
                m.conversationId(),
                m.sequence(),
                m.senderId(),
                m.senderNickname(),
                content,
                m.sentAt(),
                editedAt,
                deleted,
                reactions,
                seenBy,
                replyTo,
                mentions,
                m.erased());
    }

    private static MessageView mentioning(MessageView m, List<UUID> mentions) {
        return changed(m, m.content(), m.editedAt(), m.deleted(), m.reactions(), m.seenBy(), m.replyTo(), mentions);
    }

    /** What a client does with the quotes of an original that changed: each reply shows it as it is now. */
    private static void quoted(List<MessageView> messages, UUID original, String excerpt, boolean deleted) {
        for (int i = 0; i < messages.size(); i++) {
            MessageView m = messages.get(i);
            ReplyView quote = m.replyTo();
            if (quote != null && quote.messageId().equals(original)) {
                ReplyView now = new ReplyView(original, quote.senderNickname(), excerpt, deleted);
                messages.set(
                        i,
                        changed(
                                m,
                                m.content(),
                                m.editedAt(),
                                m.deleted(),
                                m.reactions(),
                                m.seenBy(),
                                now,
                                m.mentions()));
            }
        }
    }

    private static MessageView react(
            MessageView m, String key, String unicode, UUID user, boolean add, List<String> catalog) {
        List<ReactionSummary> reactions = new ArrayList<>();
        boolean found = false;
        for (ReactionSummary r : m.reactions()) {
            if (r.emojiKey().equals(key)) {
                found = true;
                List<UUID> users = new ArrayList<>(r.userIds());
                if (add) {
                    users.add(user);
                } else {
                    users.remove(user);
                }
                if (!users.isEmpty()) {
                    reactions.add(new ReactionSummary(key, r.unicode(), users.size(), users));
                }
            } else {
                reactions.add(r);
            }
        }
        if (add && !found) {
            reactions.add(new ReactionSummary(key, unicode, 1, List.of(user)));
        }
        reactions.sort(Comparator.comparing(r -> catalog.indexOf(r.emojiKey())));
        return changed(m, m.content(), m.editedAt(), m.deleted(), reactions, m.seenBy());
    }

    private static void replace(
            List<MessageView> messages, UUID id, java.util.function.UnaryOperator<MessageView> change) {
        messages.replaceAll(m -> m.id().equals(id) ? change.apply(m) : m);
    }

    /** User ids within a reaction and seen marks of one instant carry no order of their own. */
    private static List<MessageView> normalized(List<MessageView> messages) {
        return messages.stream()
                .map(m -> changed(
                        m,
                        m.content(),
                        m.editedAt(),
                        m.deleted(),
                        m.reactions().stream()
                                .map(r -> new ReactionSummary(
                                        r.emojiKey(),
                                        r.unicode(),
                                        r.count(),
                                        r.userIds().stream()
                                                .sorted(Comparator.comparing(UUID::toString))
                                                .toList()))
                                .toList(),
                        m.seenBy().stream()
                                .sorted(Comparator.comparing(SeenBy::seenAt)
                                        .thenComparing(s -> s.userId().toString()))
                                .toList()))
                .toList();
    }
}

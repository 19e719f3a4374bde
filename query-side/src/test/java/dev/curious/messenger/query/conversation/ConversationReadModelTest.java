package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.conversation.AddMember;
import dev.curious.messenger.api.conversation.ConversationDetails;
import dev.curious.messenger.api.conversation.ConversationList;
import dev.curious.messenger.api.conversation.ConversationSummary;
import dev.curious.messenger.api.conversation.FindConversationQuery;
import dev.curious.messenger.api.conversation.FindConversationsQuery;
import dev.curious.messenger.api.conversation.MemberView;
import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.conversation.RenameConversation;
import dev.curious.messenger.api.emoji.EmojiDefined;
import dev.curious.messenger.api.emoji.EmojiList;
import dev.curious.messenger.api.emoji.EmojiView;
import dev.curious.messenger.api.emoji.FindEmojisQuery;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.LocateMessageQuery;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.message.ReactionSummary;
import dev.curious.messenger.api.message.RemoveReaction;
import dev.curious.messenger.api.message.SeenBy;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = CommandAndQuerySides.class)
class ConversationReadModelTest {

    @Autowired
    Chat chat;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventGateway events;

    private List<ConversationSummary> conversationsOf(UUID user) {
        return queries.query(new FindConversationsQuery(user, 50), ResponseTypes.instanceOf(ConversationList.class))
                .join()
                .conversations();
    }

    private Optional<MessagePage> page(UUID conversation, UUID viewer, Long before, int limit) {
        return queries.query(
                        new FindMessagesQuery(conversation, viewer, before, limit),
                        ResponseTypes.optionalInstanceOf(MessagePage.class))
                .join();
    }

    private MessageView message(UUID conversation, UUID viewer, UUID messageId) {
        return page(conversation, viewer, null, 200).orElseThrow().messages().stream()
                .filter(m -> m.id().equals(messageId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void listsAUsersConversationsNewestActivityFirstWithUnreadCountAndLastMessage() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID quiet = chat.start(ada, "Quiet", bob);
        UUID busy = chat.start(ada, "Busy", bob);
        chat.send(quiet, bob, "old news");
        chat.send(busy, bob, "one");
        UUID last = chat.send(busy, bob, "two");
        chat.send(busy, ada, "mine");
        chat.awaitProjected();

        List<ConversationSummary> list = conversationsOf(ada);
        assertThat(list).extracting(ConversationSummary::title).containsExactly("Busy", "Quiet");
        assertThat(list.get(0).unreadCount()).as("the others' messages only").isEqualTo(2);
        assertThat(list.get(0).lastMessage().content()).isEqualTo("mine");
        assertThat(list.get(1).unreadCount()).isEqualTo(1);

        chat.command(new MarkSeen(busy, last, ada));
        chat.awaitProjected();
        assertThat(conversationsOf(ada).get(0).unreadCount()).isZero();
        assertThat(conversationsOf(bob).get(0).unreadCount())
                .as("bob has not seen ada's message")
                .isEqualTo(1);
    }

    /** With several segments, the catalog's event can be projected after a reaction that uses the new emoji. */
    @Test
    void keepsAReactionProjectedBeforeItsEmojiAndCompletesTheEmojiLater() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Early", bob);
        UUID message = chat.send(conversation, ada, "hi");
        String key = "late_" + UUID.randomUUID().toString().substring(0, 6);

        events.publish(new ReactionAdded(conversation, message, bob, key));
        chat.awaitProjected();
        assertThat(reactionsOf(conversation)).singleElement().satisfies(r -> {
            assertThat(r.emojiKey()).isEqualTo(key);
            assertThat(r.userIds()).containsExactly(bob);
        });

        events.publish(new EmojiDefined(key, "\uD83E\uDD84", null));
        chat.awaitProjected();
        assertThat(reactionsOf(conversation))
                .singleElement()
                .satisfies(r -> assertThat(r.unicode()).isEqualTo("\uD83E\uDD84"));
    }

    private List<ReactionSummary> reactionsOf(UUID conversation) {
        return queries.query(
                        new FindMessagesQuery(conversation, null, null, 10),
                        ResponseTypes.optionalInstanceOf(MessagePage.class))
                .join()
                .orElseThrow()
                .messages()
                .get(0)
                .reactions();
    }

    @Test
    void showsDetailsWithMembersOnlyToMembersAndAuditors() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID cyd = chat.register("cyd");
        UUID conversation = chat.start(ada, "Plans", bob);
        chat.command(new AddMember(conversation, cyd, ada));
        chat.command(new RenameConversation(conversation, "Better plans", ada));
        chat.command(new RemoveMember(conversation, bob, bob));
        chat.awaitProjected();

        ConversationDetails details = queries.query(
                        new FindConversationQuery(conversation, cyd),
                        ResponseTypes.optionalInstanceOf(ConversationDetails.class))
                .join()
                .orElseThrow();
        assertThat(details.title()).isEqualTo("Better plans");
        assertThat(details.ownerId()).isEqualTo(ada);
        assertThat(details.members()).extracting(MemberView::userId).containsExactlyInAnyOrder(ada, cyd);
        assertThat(details.members())
                .filteredOn(MemberView::owner)
                .extracting(MemberView::userId)
                .containsExactly(ada);
        assertThat(details.members()).allSatisfy(m -> assertThat(m.nickname()).isNotBlank());

        assertThat(queries.query(
                                new FindConversationQuery(conversation, bob),
                                ResponseTypes.optionalInstanceOf(ConversationDetails.class))
                        .join())
                .as("a member who left sees it no more")
                .isEmpty();
        assertThat(queries.query(
                                new FindConversationQuery(conversation, null),
                                ResponseTypes.optionalInstanceOf(ConversationDetails.class))
                        .join())
                .as("an auditor sees every conversation")
                .isPresent();
    }

    @Test
    void pagesMessagesNewestFirstWithReactionsSeenMarksEditsAndDeletions() throws InterruptedException {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID cyd = chat.register("cyd");
        UUID conversation = chat.start(ada, "Pages", bob, cyd);
        UUID[] ids = new UUID[7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = chat.send(conversation, i % 2 == 0 ? ada : bob, "message " + (i + 1));
        }
        chat.command(new React(conversation, ids[6], "thumbs_up", bob));
        chat.command(new React(conversation, ids[6], "thumbs_up", cyd));
        chat.command(new React(conversation, ids[6], "heart", cyd));
        chat.command(new React(conversation, ids[6], "fire", cyd));
        chat.command(new RemoveReaction(conversation, ids[6], "fire", cyd));
        chat.command(new MarkSeen(conversation, ids[4], cyd));
        // Seen times are whole milliseconds: the second marking is a later one.
        Thread.sleep(2);
        chat.command(new MarkSeen(conversation, ids[6], cyd));
        chat.command(new EditMessage(conversation, ids[5], "message 6, edited", bob));
        chat.command(new DeleteMessage(conversation, ids[3], bob));
        chat.awaitProjected();

        MessagePage newest = page(conversation, ada, null, 3).orElseThrow();
        assertThat(newest.messages()).extracting(MessageView::sequence).containsExactly(7L, 6L, 5L);
        assertThat(newest.nextBefore()).isEqualTo(5L);
        MessagePage older = page(conversation, ada, newest.nextBefore(), 3).orElseThrow();
        assertThat(older.messages()).extracting(MessageView::sequence).containsExactly(4L, 3L, 2L);
        MessagePage oldest = page(conversation, ada, older.nextBefore(), 3).orElseThrow();
        assertThat(oldest.messages()).extracting(MessageView::sequence).containsExactly(1L);
        assertThat(oldest.nextBefore()).isNull();

        MessageView seventh = newest.messages().get(0);
        assertThat(seventh.senderNickname()).startsWith("ada");
        assertThat(seventh.reactions()).hasSize(2);
        assertThat(seventh.reactions().get(0).emojiKey()).isEqualTo("thumbs_up");
        assertThat(seventh.reactions().get(0).count()).isEqualTo(2);
        assertThat(seventh.reactions().get(0).userIds()).containsExactlyInAnyOrder(bob, cyd);
        assertThat(seventh.reactions().get(1).emojiKey()).isEqualTo("heart");
        assertThat(seventh.reactions().get(1).unicode()).isEqualTo("\u2764\uFE0F");

        assertThat(message(conversation, ada, ids[0]).seenBy())
                .extracting(SeenBy::userId)
                .containsExactly(cyd);
        assertThat(message(conversation, ada, ids[5]).seenBy())
                .as("seen by the one who marked after it was sent; bob sent it")
                .extracting(SeenBy::userId)
                .containsExactly(cyd);
        assertThat(message(conversation, ada, ids[0]).seenBy().get(0).seenAt())
                .as("first seen at the first marking")
                .isBefore(message(conversation, ada, ids[5]).seenBy().get(0).seenAt());

        MessageView sixth = newest.messages().get(1);
        assertThat(sixth.content()).isEqualTo("message 6, edited");
        assertThat(sixth.editedAt()).isNotNull();
        MessageView fourth = older.messages().get(0);
        assertThat(fourth.deleted()).isTrue();
        assertThat(fourth.content()).isNull();

        assertThat(page(conversation, chat.register("eve"), null, 10))
                .as("not visible to non-members")
                .isEmpty();
        assertThat(queries.query(
                                new LocateMessageQuery(ids[2]), ResponseTypes.optionalInstanceOf(MessageLocation.class))
                        .join()
                        .map(MessageLocation::conversationId))
                .contains(conversation);
    }

    @Test
    void listsTheSeededEmojiCatalog() {
        chat.awaitProjected();
        assertThat(queries.query(new FindEmojisQuery(), ResponseTypes.instanceOf(EmojiList.class))
                        .join()
                        .emojis())
                .extracting(EmojiView::key)
                .contains("thumbs_up", "heart", "joy", "tada", "eyes", "fire", "pray", "rocket");
    }
}

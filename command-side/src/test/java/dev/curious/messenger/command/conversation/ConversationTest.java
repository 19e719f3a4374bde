package dev.curious.messenger.command.conversation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import dev.curious.messenger.command.conversation.ConversationRejections.AlreadyExists;
import dev.curious.messenger.command.conversation.ConversationRejections.ClientMessageIdInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.ContentInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.EmojiUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.MemberUnknown;
import dev.curious.messenger.command.conversation.ConversationRejections.MembersInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.MessageNotFound;
import dev.curious.messenger.command.conversation.ConversationRejections.NotAMember;
import dev.curious.messenger.command.conversation.ConversationRejections.NotOwner;
import dev.curious.messenger.command.conversation.ConversationRejections.NotSender;
import dev.curious.messenger.command.conversation.ConversationRejections.OwnerCannotLeave;
import dev.curious.messenger.command.conversation.ConversationRejections.ReplyInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.TitleInvalid;
import dev.curious.messenger.command.emoji.EmojiKeys;
import dev.curious.messenger.command.user.UserDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID STRANGER = UUID.randomUUID();
    private static final UUID M1 = UUID.randomUUID();
    private static final UUID M2 = UUID.randomUUID();
    private static final UUID M3 = UUID.randomUUID();

    private final UserDirectory users = mock(UserDirectory.class);
    private final EmojiKeys emojis = mock(EmojiKeys.class);
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(users);
        fixture.registerInjectableResource(emojis);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        when(users.unknown(any())).thenReturn(Set.of());
        when(emojis.contains("thumbs_up")).thenReturn(true);
        when(emojis.contains("heart")).thenReturn(true);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(CONVERSATION, "Lunch", OWNER, List.of(OWNER, ALICE, BOB), NOW);
    }

    private static MessageSent sent(UUID messageId, long sequence, UUID sender) {
        return new MessageSent(
                CONVERSATION,
                messageId,
                sequence,
                sender,
                "hello " + sequence,
                null,
                NOW,
                MessageSent.TEXT,
                null,
                List.of());
    }

    // --- starting

    @Test
    void startsWithTheStarterAsOwnerAndMember() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "  Lunch ", List.of(ALICE, BOB), OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConversationStarted(CONVERSATION, "Lunch", OWNER, List.of(OWNER, ALICE, BOB), NOW));
    }

    @Test
    void countsTheStarterOnceWhenListedAsMember() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "Pair", List.of(OWNER, ALICE, ALICE), OWNER))
                .expectEvents(new ConversationStarted(CONVERSATION, "Pair", OWNER, List.of(OWNER, ALICE), NOW));
    }

    @Test
    void rejectsConversationWithFewerThanTwoDistinctMembers() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "Alone", List.of(OWNER), OWNER))
                .expectException(MembersInvalid.class)
                .expectNoEvents();
    }

    @Test
    void rejectsConversationWithUnknownMembers() {
        when(users.unknown(any())).thenReturn(Set.of(STRANGER));
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "Lunch", List.of(STRANGER), OWNER))
                .expectException(MemberUnknown.class)
                .expectNoEvents();
    }

    @Test
    void rejectsBlankTooLongOrControlCharacterTitles() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "   ", List.of(ALICE), OWNER))
                .expectException(TitleInvalid.class);
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "x".repeat(101), List.of(ALICE), OWNER))
                .expectException(TitleInvalid.class);
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, "a\u0007b", List.of(ALICE), OWNER))
                .expectException(TitleInvalid.class);
    }

    @Test
    void acceptsTitleOfExactlyOneHundredCharacters() {
        String title = "t".repeat(100);
        fixture.givenNoPriorActivity()
                .when(new StartConversation(CONVERSATION, title, List.of(ALICE), OWNER))
                .expectEvents(new ConversationStarted(CONVERSATION, title, OWNER, List.of(OWNER, ALICE), NOW));
    }

    // --- renaming, membership, closing

    @Test
    void ownerRenames() {
        fixture.given(started())
                .when(new RenameConversation(CONVERSATION, "Dinner", OWNER))
                .expectEvents(new ConversationRenamed(CONVERSATION, "Dinner", OWNER));
    }

    @Test
    void renamingToTheSameTitleStoresNothing() {
        fixture.given(started())
                .when(new RenameConversation(CONVERSATION, "Lunch", OWNER))
                .expectNoEvents();
    }

    @Test
    void rejectsRenameByMemberWhoIsNotOwner() {
        fixture.given(started())
                .when(new RenameConversation(CONVERSATION, "Dinner", ALICE))
                .expectException(NotOwner.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAnythingFromNonMemberAsIfTheConversationDidNotExist() {
        fixture.given(started())
                .when(new RenameConversation(CONVERSATION, "Dinner", STRANGER))
                .expectException(NotAMember.class);
        fixture.given(started()).when(new MarkSeen(CONVERSATION, M1, STRANGER)).expectException(NotAMember.class);
    }

    @Test
    void ownerAddsRegisteredUser() {
        fixture.given(started())
                .when(new AddMember(CONVERSATION, STRANGER, OWNER))
                .expectEvents(new MemberAdded(CONVERSATION, STRANGER, OWNER, NOW));
    }

    @Test
    void addingAMemberAgainStoresNothing() {
        fixture.given(started()).when(new AddMember(CONVERSATION, ALICE, OWNER)).expectNoEvents();
    }

    @Test
    void rejectsAddingUnknownUser() {
        when(users.unknown(any())).thenReturn(Set.of(STRANGER));
        fixture.given(started())
                .when(new AddMember(CONVERSATION, STRANGER, OWNER))
                .expectException(MemberUnknown.class);
    }

    @Test
    void rejectsAddByMemberWhoIsNotOwner() {
        fixture.given(started())
                .when(new AddMember(CONVERSATION, STRANGER, ALICE))
                .expectException(NotOwner.class);
    }

    @Test
    void ownerRemovesMember() {
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, ALICE, OWNER))
                .expectEvents(new MemberRemoved(CONVERSATION, ALICE, OWNER));
    }

    @Test
    void memberLeaves() {
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, BOB, BOB))
                .expectEvents(new MemberRemoved(CONVERSATION, BOB, BOB));
    }

    @Test
    void rejectsMemberRemovingSomeoneElse() {
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, BOB, ALICE))
                .expectException(NotOwner.class);
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, OWNER, ALICE))
                .expectException(NotOwner.class);
    }

    @Test
    void rejectsOwnerLeaving() {
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, OWNER, OWNER))
                .expectException(OwnerCannotLeave.class);
    }

    @Test
    void rejectsRemovingNonMember() {
        fixture.given(started())
                .when(new RemoveMember(CONVERSATION, STRANGER, OWNER))
                .expectException(MemberNotFound.class);
    }

    @Test
    void removedMemberCanNoLongerSend() {
        fixture.given(started(), new MemberRemoved(CONVERSATION, ALICE, OWNER))
                .when(new SendMessage(CONVERSATION, M1, "hi", null, null, ALICE))
                .expectException(NotAMember.class);
    }

    @Test
    void ownerCloses() {
        fixture.given(started())
                .when(new CloseConversation(CONVERSATION, OWNER))
                .expectEvents(new ConversationClosed(CONVERSATION, OWNER, NOW));
    }

    @Test
    void closingAgainStoresNothing() {
        fixture.given(started(), new ConversationClosed(CONVERSATION, OWNER, NOW))
                .when(new CloseConversation(CONVERSATION, OWNER))
                .expectNoEvents();
    }

    @Test
    void rejectsCloseByMemberWhoIsNotOwner() {
        fixture.given(started())
                .when(new CloseConversation(CONVERSATION, ALICE))
                .expectException(NotOwner.class);
    }

    @Test
    void closedConversationAcceptsNoMessageReactionMemberChangeOrRename() {
        ConversationClosed closed = new ConversationClosed(CONVERSATION, OWNER, NOW);
        fixture.given(started(), sent(M1, 1, ALICE), closed)
                .when(new SendMessage(CONVERSATION, M2, "late", null, null, BOB))
                .expectException(ConversationRejections.ConversationClosed.class);
        fixture.given(started(), sent(M1, 1, ALICE), closed)
                .when(new React(CONVERSATION, M1, "thumbs_up", BOB))
                .expectException(ConversationRejections.ConversationClosed.class);
        fixture.given(started(), closed)
                .when(new AddMember(CONVERSATION, STRANGER, OWNER))
                .expectException(ConversationRejections.ConversationClosed.class);
        fixture.given(started(), closed)
                .when(new RemoveMember(CONVERSATION, BOB, BOB))
                .expectException(ConversationRejections.ConversationClosed.class);
        fixture.given(started(), closed)
                .when(new RenameConversation(CONVERSATION, "Later", OWNER))
                .expectException(ConversationRejections.ConversationClosed.class);
    }

    @Test
    void closedConversationStillAcceptsMarkSeen() {
        fixture.given(started(), sent(M1, 1, ALICE), new ConversationClosed(CONVERSATION, OWNER, NOW))
                .when(new MarkSeen(CONVERSATION, M1, BOB))
                .expectEvents(new MessagesSeen(CONVERSATION, BOB, M1, 0, 1, NOW));
    }

    // --- messages

    @Test
    void sendsMessagesNumberedOneTwoThree() {
        fixture.given(started(), sent(M1, 1, ALICE), sent(M2, 2, BOB))
                .when(new SendMessage(CONVERSATION, M3, "  third\n", "c-3", null, OWNER))
                .expectResultMessagePayload(new MessageAccepted(M3, 3))
                .expectEvents(new MessageSent(
                        CONVERSATION, M3, 3, OWNER, "third", "c-3", NOW, MessageSent.TEXT, null, List.of()));
    }

    @Test
    void resendingAClientMessageIdAnswersTheFirstMessageAndStoresNothing() {
        MessageSent first =
                new MessageSent(CONVERSATION, M1, 1, ALICE, "hi", "c-1", NOW, MessageSent.TEXT, null, List.of());
        fixture.given(started(), first, sent(M2, 2, BOB))
                .when(new SendMessage(CONVERSATION, M3, "hi", "c-1", null, ALICE))
                .expectResultMessagePayload(new MessageAccepted(M1, 1))
                .expectNoEvents();
    }

    @Test
    void sameClientMessageIdFromAnotherSenderIsANewMessage() {
        MessageSent first =
                new MessageSent(CONVERSATION, M1, 1, ALICE, "hi", "c-1", NOW, MessageSent.TEXT, null, List.of());
        fixture.given(started(), first)
                .when(new SendMessage(CONVERSATION, M2, "hi", "c-1", null, BOB))
                .expectResultMessagePayload(new MessageAccepted(M2, 2));
    }

    @Test
    void rejectsMessageFromNonMember() {
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, "hi", null, null, STRANGER))
                .expectException(NotAMember.class)
                .expectNoEvents();
    }

    @Test
    void rejectsEmptyTooLongOrControlCharacterContent() {
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, " \n\t ", null, null, ALICE))
                .expectException(ContentInvalid.class);
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, "x".repeat(4001), null, null, ALICE))
                .expectException(ContentInvalid.class);
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, "bell\u0007", null, null, ALICE))
                .expectException(ContentInvalid.class);
    }

    @Test
    void acceptsNewLinesTabsAndFourThousandCharacters() {
        String content = "a\tb\nc" + "x".repeat(3995);
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, content, null, null, ALICE))
                .expectEvents(new MessageSent(
                        CONVERSATION, M1, 1, ALICE, content, null, NOW, MessageSent.TEXT, null, List.of()));
    }

    @Test
    void rejectsClientMessageIdLongerThanSixtyFourCharacters() {
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, "hi", "c".repeat(65), null, ALICE))
                .expectException(ClientMessageIdInvalid.class);
    }

    @Test
    void rejectsReusedMessageId() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new SendMessage(CONVERSATION, M1, "again", null, null, BOB))
                .expectException(AlreadyExists.class);
    }

    @Test
    void senderEditsAndDeletesOwnMessage() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "fixed", ALICE))
                .expectEvents(new MessageEdited(CONVERSATION, M1, "fixed", NOW, List.of(), ALICE));
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new DeleteMessage(CONVERSATION, M1, ALICE))
                .expectEvents(new MessageDeleted(CONVERSATION, M1, ALICE, NOW));
    }

    @Test
    void rejectsEditOrDeleteByAnotherMember() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "mine now", OWNER))
                .expectException(NotSender.class);
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new DeleteMessage(CONVERSATION, M1, BOB))
                .expectException(NotSender.class);
    }

    @Test
    void ownerDeletesAnyonesMessageAsModerator() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new DeleteMessage(CONVERSATION, M1, OWNER))
                .expectEvents(new MessageDeleted(CONVERSATION, M1, OWNER, NOW));
    }

    @Test
    void ownerCannotEditAnothersMessage() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "moderated", OWNER))
                .expectException(NotSender.class)
                .expectNoEvents();
    }

    @Test
    void deletingTwiceStoresNothingTheSecondTime() {
        fixture.given(started(), sent(M1, 1, ALICE), new MessageDeleted(CONVERSATION, M1, ALICE, NOW))
                .when(new DeleteMessage(CONVERSATION, M1, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsEditOrDeleteInAClosedConversation() {
        ConversationClosed closed = new ConversationClosed(CONVERSATION, OWNER, NOW);
        fixture.given(started(), sent(M1, 1, ALICE), closed)
                .when(new EditMessage(CONVERSATION, M1, "late fix", ALICE))
                .expectException(ConversationRejections.ConversationClosed.class)
                .expectNoEvents();
        fixture.given(started(), sent(M1, 1, ALICE), closed)
                .when(new DeleteMessage(CONVERSATION, M1, ALICE))
                .expectException(ConversationRejections.ConversationClosed.class)
                .expectNoEvents();
    }

    @Test
    void rejectsEditWithInvalidContent() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "  ", ALICE))
                .expectException(ContentInvalid.class)
                .expectNoEvents();
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "x".repeat(4001), ALICE))
                .expectException(ContentInvalid.class)
                .expectNoEvents();
    }

    @Test
    void rejectsEditOrDeleteByNonMember() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "hijack", STRANGER))
                .expectException(NotAMember.class);
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new DeleteMessage(CONVERSATION, M1, STRANGER))
                .expectException(NotAMember.class);
    }

    @Test
    void rejectsEditOfDeletedMessage() {
        fixture.given(started(), sent(M1, 1, ALICE), new MessageDeleted(CONVERSATION, M1, ALICE, NOW))
                .when(new EditMessage(CONVERSATION, M1, "back", ALICE))
                .expectException(ConversationRejections.MessageDeleted.class);
    }

    // --- replies and mentions

    @Test
    void replyNamesAMessageOfTheSameConversation() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new SendMessage(CONVERSATION, M2, "agreed", null, M1, BOB))
                .expectEvents(new MessageSent(
                        CONVERSATION, M2, 2, BOB, "agreed", null, NOW, MessageSent.TEXT, M1, List.of()));
    }

    @Test
    void rejectsReplyToAMessageOfAnotherConversation() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new SendMessage(CONVERSATION, M2, "agreed", null, UUID.randomUUID(), BOB))
                .expectException(ReplyInvalid.class)
                .expectNoEvents();
    }

    @Test
    void mentionsMembersByNicknameIgnoringCase() {
        when(users.nicknames(any())).thenReturn(Map.of(ALICE, "Alice", BOB, "bob.builder", OWNER, "Ada Lovelace"));
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, "@ALICE and @ada lovelace, ask @bob.builder.", null, null, BOB))
                .expectEvents(new MessageSent(
                        CONVERSATION,
                        M1,
                        1,
                        BOB,
                        "@ALICE and @ada lovelace, ask @bob.builder.",
                        null,
                        NOW,
                        MessageSent.TEXT,
                        null,
                        List.of(ALICE, OWNER, BOB)));
    }

    @Test
    void aNameThatIsNotAMembersOrNotWordBoundedMentionsNobody() {
        // The directory answers only for the members it is asked about: a stranger's name is not among them.
        when(users.nicknames(any())).thenReturn(Map.of(ALICE, "alice", BOB, "bob"));
        String content = "mail alice@example.org, @bobby and @stranger, not @alice_2";
        fixture.given(started())
                .when(new SendMessage(CONVERSATION, M1, content, null, null, OWNER))
                .expectEvents(new MessageSent(
                        CONVERSATION, M1, 1, OWNER, content, null, NOW, MessageSent.TEXT, null, List.of()));
    }

    @Test
    void anEditMentionsWhomItsNewContentNames() {
        when(users.nicknames(any())).thenReturn(Map.of(ALICE, "alice", BOB, "bob"));
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new EditMessage(CONVERSATION, M1, "hello @Bob", ALICE))
                .expectEvents(new MessageEdited(CONVERSATION, M1, "hello @Bob", NOW, List.of(BOB), ALICE));
    }

    // --- seen

    @Test
    void markingSeenCoversEveryEarlierMessageOfTheOthers() {
        fixture.given(started(), sent(M1, 1, ALICE), sent(M2, 2, BOB), sent(M3, 3, ALICE))
                .when(new MarkSeen(CONVERSATION, M3, BOB))
                .expectEvents(new MessagesSeen(CONVERSATION, BOB, M3, 0, 3, NOW));
    }

    @Test
    void markingSeenContinuesFromTheLastMark() {
        fixture.given(
                        started(),
                        sent(M1, 1, ALICE),
                        sent(M2, 2, ALICE),
                        new MessagesSeen(CONVERSATION, BOB, M1, 0, 1, NOW),
                        sent(M3, 3, ALICE))
                .when(new MarkSeen(CONVERSATION, M3, BOB))
                .expectEvents(new MessagesSeen(CONVERSATION, BOB, M3, 1, 3, NOW));
    }

    @Test
    void markingSeenAgainOrAnEarlierMessageStoresNothing() {
        MessagesSeen seen = new MessagesSeen(CONVERSATION, BOB, M2, 0, 2, NOW);
        fixture.given(started(), sent(M1, 1, ALICE), sent(M2, 2, ALICE), seen)
                .when(new MarkSeen(CONVERSATION, M2, BOB))
                .expectNoEvents();
        fixture.given(started(), sent(M1, 1, ALICE), sent(M2, 2, ALICE), seen)
                .when(new MarkSeen(CONVERSATION, M1, BOB))
                .expectNoEvents();
    }

    @Test
    void markingOnlyOwnMessagesSeenStoresNothing() {
        fixture.given(started(), sent(M1, 1, BOB), sent(M2, 2, BOB))
                .when(new MarkSeen(CONVERSATION, M2, BOB))
                .expectNoEvents();
    }

    @Test
    void rejectsMarkingUnknownMessageSeen() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new MarkSeen(CONVERSATION, M2, BOB))
                .expectException(MessageNotFound.class);
    }

    // --- reactions

    @Test
    void memberReactsWithCatalogEmoji() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new React(CONVERSATION, M1, "thumbs_up", BOB))
                .expectEvents(new ReactionAdded(CONVERSATION, M1, BOB, "thumbs_up"));
    }

    @Test
    void reactingTwiceWithTheSameEmojiStoresNothing() {
        fixture.given(started(), sent(M1, 1, ALICE), new ReactionAdded(CONVERSATION, M1, BOB, "thumbs_up"))
                .when(new React(CONVERSATION, M1, "thumbs_up", BOB))
                .expectNoEvents();
    }

    @Test
    void oneUserReactsWithManyEmojisAndManyUsersWithOne() {
        fixture.given(started(), sent(M1, 1, ALICE), new ReactionAdded(CONVERSATION, M1, BOB, "thumbs_up"))
                .when(new React(CONVERSATION, M1, "heart", BOB))
                .expectEvents(new ReactionAdded(CONVERSATION, M1, BOB, "heart"));
        fixture.given(started(), sent(M1, 1, ALICE), new ReactionAdded(CONVERSATION, M1, BOB, "thumbs_up"))
                .when(new React(CONVERSATION, M1, "thumbs_up", OWNER))
                .expectEvents(new ReactionAdded(CONVERSATION, M1, OWNER, "thumbs_up"));
    }

    @Test
    void rejectsEmojiOutsideTheCatalog() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new React(CONVERSATION, M1, "unicorn", BOB))
                .expectException(EmojiUnknown.class);
    }

    @Test
    void rejectsReactionToUnknownOrDeletedMessage() {
        fixture.given(started(), sent(M1, 1, ALICE))
                .when(new React(CONVERSATION, M2, "thumbs_up", BOB))
                .expectException(MessageNotFound.class);
        fixture.given(started(), sent(M1, 1, ALICE), new MessageDeleted(CONVERSATION, M1, ALICE, NOW))
                .when(new React(CONVERSATION, M1, "thumbs_up", BOB))
                .expectException(ConversationRejections.MessageDeleted.class);
    }

    @Test
    void removesOwnReactionAndRemovingAgainStoresNothing() {
        ReactionAdded reacted = new ReactionAdded(CONVERSATION, M1, BOB, "heart");
        fixture.given(started(), sent(M1, 1, ALICE), reacted)
                .when(new RemoveReaction(CONVERSATION, M1, "heart", BOB))
                .expectEvents(new ReactionRemoved(CONVERSATION, M1, BOB, "heart"));
        fixture.given(started(), sent(M1, 1, ALICE), reacted, new ReactionRemoved(CONVERSATION, M1, BOB, "heart"))
                .when(new RemoveReaction(CONVERSATION, M1, "heart", BOB))
                .expectNoEvents();
    }

    @Test
    void reactingAgainAfterRemovalIsANewReaction() {
        fixture.given(
                        started(),
                        sent(M1, 1, ALICE),
                        new ReactionAdded(CONVERSATION, M1, BOB, "heart"),
                        new ReactionRemoved(CONVERSATION, M1, BOB, "heart"))
                .when(new React(CONVERSATION, M1, "heart", BOB))
                .expectEvents(new ReactionAdded(CONVERSATION, M1, BOB, "heart"));
    }
}

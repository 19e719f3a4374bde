package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.conversation.RemoveMember;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.SearchHit;
import dev.curious.messenger.api.message.SearchMessagesQuery;
import dev.curious.messenger.api.message.SearchResults;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = CommandAndQuerySides.class)
class MessageSearchTest {

    @Autowired
    Chat chat;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    /** A word no other test writes, so that the shared read model answers only this test's messages. */
    private static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private Optional<SearchResults> search(UUID viewer, String text, UUID conversation, Long before, int limit) {
        return queries.query(
                        new SearchMessagesQuery(viewer, text, conversation, before, limit),
                        ResponseTypes.optionalInstanceOf(SearchResults.class))
                .join();
    }

    private List<String> found(UUID viewer, String text) {
        return search(viewer, text, null, null, 50).orElseThrow().hits().stream()
                .map(hit -> hit.message().content())
                .toList();
    }

    /**
     * A message whose transaction took its global index first and committed last fills a gap below a later one: the
     * gap-aware token then stands at the later one's position, so both messages had one position and a search page
     * that ended on one skipped the other. Each message's position is its event's own global index.
     */
    @Test
    void eachMessageHasItsEventsOwnPositionWhenTransactionsCommitOutOfOrder() throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID early = chat.start(ada, "Early", bob);
        UUID late = chat.start(ada, "Late", bob);
        chat.awaitProjected();
        UUID heldMessage = UUID.randomUUID();
        GenericDomainEventMessage<MessageSent> held = new GenericDomainEventMessage<>(
                "Conversation",
                early.toString(),
                1,
                new MessageSent(
                        early, heldMessage, 1, ada, null, null, Instant.now(), MessageSent.TEXT, null, List.of()));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            eventStore.publish(held);
            inserted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
        UUID lateMessage = chat.send(late, ada, word() + " committed first");
        await().atMost(Duration.ofSeconds(30)).until(() -> position(lateMessage) != null);
        release.countDown();
        holder.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> position(heldMessage) != null);

        assertThat(position(heldMessage)).isEqualTo(globalIndex(held.getIdentifier()));
        assertThat(position(lateMessage)).isGreaterThan(position(heldMessage));
    }

    private Long position(UUID message) {
        return jdbc.queryForList("SELECT position FROM chat_messages WHERE id = ?", Long.class, message).stream()
                .findFirst()
                .orElse(null);
    }

    private long globalIndex(String eventId) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
    }

    @Test
    void findsWordsByTheirEnglishStemAndAsWritten() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Food", bob);
        String tag = word();
        chat.send(conversation, ada, tag + " we had lunches at the harbour");
        chat.send(conversation, bob, tag + " The Who played there");
        chat.awaitProjected();

        assertThat(found(bob, tag + " lunch")).containsExactly(tag + " we had lunches at the harbour");
        // "the" and "who" are English stop words: the words as written still find them.
        assertThat(found(ada, "\"the who\"")).containsExactly(tag + " The Who played there");
        assertThat(search(ada, "\"the who\"", null, null, 10)
                        .orElseThrow()
                        .hits()
                        .get(0)
                        .highlight())
                .contains("<mark>The</mark> <mark>Who</mark>");
        assertThat(found(ada, tag + " dinner")).isEmpty();
    }

    @Test
    void findsOnlyTheCallersConversationsAndNothingAfterRemoval() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID eve = chat.register("eve");
        UUID ours = chat.start(ada, "Ours", bob, eve);
        UUID theirs = chat.start(bob, "Theirs", eve);
        String tag = word();
        chat.send(ours, bob, tag + " in ours");
        chat.send(theirs, bob, tag + " in theirs");
        chat.awaitProjected();

        assertThat(found(ada, tag)).containsExactly(tag + " in ours");
        assertThat(found(eve, tag)).containsExactly(tag + " in theirs", tag + " in ours");
        assertThat(search(ada, tag, theirs, null, 50))
                .as("a conversation of others")
                .isEmpty();

        chat.command(new RemoveMember(ours, eve, ada));
        chat.send(ours, bob, tag + " after eve left");
        chat.awaitProjected();
        assertThat(found(eve, tag)).containsExactly(tag + " in theirs");
        assertThat(search(eve, tag, ours, null, 50)).isEmpty();
    }

    @Test
    void deletedAndEditedAwayTextIsNotFound() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Typos", bob);
        String old = word();
        String fixed = word();
        String gone = word();
        UUID edited = chat.send(conversation, ada, "meet at " + old);
        UUID deleted = chat.send(conversation, ada, "secret " + gone);
        chat.command(new EditMessage(conversation, edited, "meet at " + fixed, ada));
        chat.command(new DeleteMessage(conversation, deleted, ada));
        chat.awaitProjected();

        assertThat(found(bob, old)).isEmpty();
        assertThat(found(bob, gone)).isEmpty();
        assertThat(found(bob, fixed)).containsExactly("meet at " + fixed);
    }

    @Test
    void pagesNewestFirstWithAnEscapedHighlight() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID first = chat.start(ada, "One", bob);
        UUID second = chat.start(bob, "Two", ada);
        String tag = word();
        chat.send(first, ada, "x < y & " + tag + " > one");
        chat.send(second, bob, tag + " two");
        chat.send(first, bob, tag + " three");
        chat.awaitProjected();

        SearchResults page = search(ada, tag, null, null, 2).orElseThrow();
        assertThat(page.hits())
                .extracting(hit -> hit.message().content())
                .containsExactly(tag + " three", tag + " two");
        assertThat(page.nextBefore()).isNotNull();
        SearchResults rest = search(ada, tag, null, page.nextBefore(), 2).orElseThrow();
        assertThat(rest.hits())
                .extracting(SearchHit::highlight)
                .containsExactly("x &lt; y &amp; <mark>" + tag + "</mark> &gt; one");
        assertThat(rest.nextBefore()).isNull();

        assertThat(search(ada, tag, second, null, 10).orElseThrow().hits())
                .extracting(hit -> hit.message().conversationId())
                .containsExactly(second);
    }
}

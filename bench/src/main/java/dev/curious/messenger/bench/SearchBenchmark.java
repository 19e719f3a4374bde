package dev.curious.messenger.bench;

import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.message.SearchMessagesQuery;
import dev.curious.messenger.api.message.SearchResults;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.Replays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Full-text search latency: writes {@code --messages} messages (default 1,000,000) in {@code --conversations}
 * conversations (default 1,000) straight into the event store, with words drawn from a Zipf distribution over
 * common English words and a long tail of rarer ones; the projections build the read model as they would live. Then
 * one user, member of {@code --member-of} of the conversations (default 50), searches: frequent, medium and rare
 * words and two-word queries, each class {@code --queries} times (default 200), through the query bus as the gateway
 * asks. Prints p50/p95/p99 per class and overall ({@code SearchPlanTest} checks the plans the query gets).
 */
final class SearchBenchmark {

    /** Common words of chat, most frequent first; English stop words among them are kept only as written. */
    private static final String[] COMMON = ("the I you to a and is it of in that for on we this can be have with"
                    + " at are do not lunch meeting today tomorrow just so but what when will me my your ok yes no"
                    + " call time team project please thanks good great work need send file review update week"
                    + " morning release deploy bug fix test build issue customer report plan design idea coffee"
                    + " office train ticket weekend holiday dinner party birthday game music movie book photo"
                    + " invoice budget contract schedule agenda slides notes draft launch server database backup"
                    + " password account email phone address price order delivery package shipping refund")
            .split(" ");

    private SearchBenchmark() {}

    static void run(String[] args) throws InterruptedException {
        int messages = BenchSystem.option(args, "messages", 1_000_000);
        int conversations = BenchSystem.option(args, "conversations", 1_000);
        int memberOf = BenchSystem.option(args, "member-of", 50);
        int queries = BenchSystem.option(args, "queries", 200);
        Random random = new Random(11);
        Vocabulary words = new Vocabulary(random, 20_000);
        try (ConfigurableApplicationContext context = BenchSystem.start(args)) {
            long start = System.nanoTime();
            UUID me = writeHistory(context, messages, conversations, memberOf, words, random);
            ReplayBenchmark.awaitDone(context.getBean(Replays.class), ProcessingGroups.ALL);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            jdbc.sql("VACUUM ANALYZE chat_messages").update();
            long rows = jdbc.sql("SELECT count(*) FROM chat_messages")
                    .query(Long.class)
                    .single();
            long mine = jdbc.sql("SELECT count(*) FROM chat_messages m JOIN chat_conversation_members c"
                            + " ON c.conversation_id = m.conversation_id WHERE c.user_id = ?")
                    .param(me)
                    .query(Long.class)
                    .single();
            System.out.printf(
                    "read model: %,d messages, %,d in the searcher's %d conversations (built in %.0f s)%n",
                    rows, mine, memberOf, (System.nanoTime() - start) / 1e9);

            QueryGateway gateway = context.getBean(QueryGateway.class);
            Map<String, List<String>> classes = new LinkedHashMap<>();
            classes.put("frequent word (rank 1-100)", words.sample(random, queries, 0, 100));
            classes.put("medium word (rank 100-2,000)", words.sample(random, queries, 100, 2_000));
            classes.put("rare word (rank 2,000-20,000)", words.sample(random, queries, 2_000, 20_000));
            List<String> pairs = new ArrayList<>();
            List<String> first = words.sample(random, queries, 50, 2_000);
            List<String> second = words.sample(random, queries, 50, 2_000);
            for (int i = 0; i < queries; i++) {
                pairs.add(first.get(i) + " " + second.get(i));
            }
            classes.put("two words (rank 50-2,000 each)", pairs);
            // Warm-up: the first queries read the index and the table from disk into the caches.
            for (String text : words.sample(random, 200, 0, 20_000)) {
                search(gateway, me, text);
            }
            List<Long> all = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : classes.entrySet()) {
                List<Long> nanos = new ArrayList<>();
                long hits = 0;
                for (String text : entry.getValue()) {
                    long begin = System.nanoTime();
                    hits += search(gateway, me, text);
                    nanos.add(System.nanoTime() - begin);
                }
                all.addAll(nanos);
                System.out.printf(
                        "search %-31s %s  %.1f hits per page of 20%n",
                        entry.getKey(),
                        Stats.of(nanos).summary(),
                        hits / (double) entry.getValue().size());
            }
            System.out.printf("search %-31s %s%n", "all queries", Stats.of(all).summary());
        }
    }

    private static int search(QueryGateway gateway, UUID me, String text) {
        return gateway.query(
                        new SearchMessagesQuery(me, text, null, null, 20),
                        ResponseTypes.optionalInstanceOf(SearchResults.class))
                .join()
                .orElseThrow()
                .hits()
                .size();
    }

    private static UUID writeHistory(
            ConfigurableApplicationContext context,
            int total,
            int conversations,
            int memberOf,
            Vocabulary words,
            Random random) {
        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        TransactionManager transactions = context.getBean(TransactionManager.class);
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            batch.add(ReplayBenchmark.event("User", user, 0, new UserRegistered(user, "searcher-" + i, now), user));
        }
        UUID me = users.get(0);
        UUID[] ids = new UUID[conversations];
        UUID[][] members = new UUID[conversations][];
        long[] sequence = new long[conversations];
        for (int c = 0; c < conversations; c++) {
            ids[c] = UUID.randomUUID();
            // The searcher is in every (conversations / memberOf)-th conversation.
            UUID owner = c % (conversations / memberOf) == 0 ? me : users.get(1 + c % 299);
            members[c] = new UUID[] {owner, users.get(1 + (c + 1) % 299), users.get(1 + (c + 7) % 299)};
            batch.add(ReplayBenchmark.event(
                    "Conversation",
                    ids[c],
                    0,
                    new ConversationStarted(ids[c], "Topic " + c, owner, List.of(members[c]), now),
                    owner));
        }
        for (int i = 0; i < total; i++) {
            int c = random.nextInt(conversations);
            UUID sender = members[c][random.nextInt(3)];
            now = now.plusMillis(2_000);
            StringBuilder content = new StringBuilder();
            int length = 3 + random.nextInt(18);
            for (int w = 0; w < length; w++) {
                content.append(w == 0 ? "" : " ").append(words.next(random));
            }
            long next = ++sequence[c];
            batch.add(ReplayBenchmark.event(
                    "Conversation",
                    ids[c],
                    next,
                    ReplayBenchmark.sent(ids[c], UUID.randomUUID(), next, sender, content.toString(), now),
                    sender));
            if (batch.size() >= 1_000) {
                ReplayBenchmark.append(engine, transactions, batch);
            }
        }
        ReplayBenchmark.append(engine, transactions, batch);
        return me;
    }

    /** Words ranked by frequency: the common ones, then made-up rarer ones; drawn with Zipf's law (s = 1). */
    private static final class Vocabulary {
        private final List<String> words = new ArrayList<>();
        private final double[] cumulative;

        Vocabulary(Random random, int size) {
            for (String word : COMMON) {
                words.add(word);
            }
            String[] syllables = {"ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "zo", "ri", "ba", "gu"};
            while (words.size() < size) {
                StringBuilder word = new StringBuilder();
                int parts = 2 + random.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    word.append(syllables[random.nextInt(syllables.length)]);
                }
                words.add(word.toString() + words.size());
            }
            cumulative = new double[size];
            double sum = 0;
            for (int rank = 0; rank < size; rank++) {
                sum += 1.0 / (rank + 1);
                cumulative[rank] = sum;
            }
            for (int rank = 0; rank < size; rank++) {
                cumulative[rank] /= sum;
            }
        }

        String next(Random random) {
            int rank = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return words.get(rank >= 0 ? rank : Math.min(-rank - 1, words.size() - 1));
        }

        /** Queries of words ranked in {@code [from, to)}, each rank as likely. */
        List<String> sample(Random random, int count, int from, int to) {
            List<String> sample = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sample.add(words.get(from + random.nextInt(to - from)));
            }
            return sample;
        }
    }
}

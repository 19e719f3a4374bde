package dev.curious.messenger.bench;

import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.message.ReactionAdded;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.ReplayProgress;
import dev.curious.messenger.query.replay.Replays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-model replay throughput: writes a realistic history straight into the event store (users, conversations,
 * mostly messages, some seen marks and reactions), lets the projections catch up, then replays each processing
 * group alone and all of them together, and prints events per second.
 */
final class ReplayBenchmark {

    private static final String[] EMOJIS = {"thumbs_up", "heart", "joy", "tada", "eyes", "fire"};

    private ReplayBenchmark() {}

    static void run(String[] args) throws InterruptedException {
        int events = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 100_000;
        measure(events, args);
    }

    /** Prints and returns, per processing group, the events per second of a replay of that group alone. */
    static Map<String, Double> measure(int events, String... args) throws InterruptedException {
        Map<String, Double> perGroup = new LinkedHashMap<>();
        try (ConfigurableApplicationContext context = BenchSystem.start(args)) {
            long written = writeHistory(context, events, new Random(7));
            Replays replays = context.getBean(Replays.class);
            awaitDone(replays, ProcessingGroups.ALL);
            System.out.printf("history: %d events written to the event store%n", written);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            for (String group : ProcessingGroups.ALL) {
                long commits = commits(jdbc);
                double seconds = replay(replays, List.of(group));
                System.out.printf(
                        "replay %-13s alone: %6.1f s  %,8.0f events/s  (%,d transactions)%n",
                        group, seconds, written / seconds, commits(jdbc) - commits);
                perGroup.put(group, written / seconds);
            }
            double seconds = replay(replays, ProcessingGroups.ALL);
            System.out.printf(
                    "replay all groups together: %6.1f s  %,8.0f events/s per group%n", seconds, written / seconds);
        }
        return perGroup;
    }

    private static long commits(JdbcClient jdbc) {
        return jdbc.sql("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
                .query(Long.class)
                .single();
    }

    private static double replay(Replays replays, List<String> groups) throws InterruptedException {
        long start = System.nanoTime();
        groups.forEach(replays::start);
        awaitDone(replays, groups);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until the groups' processors have handled everything stored. */
    static void awaitDone(Replays replays, List<String> groups) throws InterruptedException {
        Thread.sleep(200);
        while (!groups.stream().map(replays::progress).allMatch(ReplayProgress::done)) {
            Thread.sleep(50);
        }
    }

    private static long writeHistory(ConfigurableApplicationContext context, int total, Random random) {
        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        TransactionManager transactions = context.getBean(TransactionManager.class);
        List<UUID> users = new ArrayList<>();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        long written = 0;
        for (int i = 0; i < 200; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            batch.add(event("User", user, 0, new UserRegistered(user, "bench-" + i, now), user));
        }
        int conversations = 500;
        UUID[] ids = new UUID[conversations];
        UUID[][] members = new UUID[conversations][];
        long[] aggregateSequence = new long[conversations];
        long[] lastMessage = new long[conversations];
        List<List<UUID>> messageIds = new ArrayList<>();
        Map<String, Long> seenUpTo = new HashMap<>();
        for (int c = 0; c < conversations; c++) {
            ids[c] = UUID.randomUUID();
            members[c] = new UUID[] {users.get(c % 200), users.get((c + 1) % 200), users.get((c + 7) % 200)};
            batch.add(event(
                    "Conversation",
                    ids[c],
                    0,
                    new ConversationStarted(ids[c], "Topic " + c, members[c][0], List.of(members[c]), now),
                    members[c][0]));
            messageIds.add(new ArrayList<>());
        }
        written += batch.size();
        while (written < total) {
            int c = random.nextInt(conversations);
            UUID actor = members[c][random.nextInt(3)];
            int dice = random.nextInt(100);
            Object payload;
            now = now.plusMillis(3);
            if (dice < 85 || messageIds.get(c).isEmpty()) {
                UUID message = UUID.randomUUID();
                messageIds.get(c).add(message);
                payload = sent(ids[c], message, ++lastMessage[c], actor, "message " + written, now);
            } else if (dice < 93) {
                long after = seenUpTo.getOrDefault(ids[c] + " " + actor, 0L);
                if (after >= lastMessage[c]) {
                    continue;
                }
                seenUpTo.put(ids[c] + " " + actor, lastMessage[c]);
                List<UUID> ofConversation = messageIds.get(c);
                payload = new MessagesSeen(
                        ids[c], actor, ofConversation.get(ofConversation.size() - 1), after, lastMessage[c], now);
            } else {
                List<UUID> ofConversation = messageIds.get(c);
                payload = new ReactionAdded(
                        ids[c],
                        ofConversation.get(random.nextInt(ofConversation.size())),
                        actor,
                        EMOJIS[random.nextInt(EMOJIS.length)]);
            }
            batch.add(event("Conversation", ids[c], ++aggregateSequence[c], payload, actor));
            written++;
            if (batch.size() == 1_000) {
                append(engine, transactions, batch);
            }
        }
        append(engine, transactions, batch);
        return written;
    }

    /** A plain text message of a generated history: no client message id, no reply, no mentions. */
    static MessageSent sent(UUID conversation, UUID message, long sequence, UUID sender, String content, Instant at) {
        return new MessageSent(
                conversation, message, sequence, sender, content, null, at, MessageSent.TEXT, null, List.of());
    }

    static void append(EventStorageEngine engine, TransactionManager transactions, List<DomainEventMessage<?>> batch) {
        List<DomainEventMessage<?>> events = List.copyOf(batch);
        transactions.executeInTransaction(() -> engine.appendEvents(events));
        batch.clear();
    }

    static DomainEventMessage<?> event(String type, UUID aggregate, long sequence, Object payload, UUID actor) {
        String id = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>(
                type,
                aggregate.toString(),
                sequence,
                payload,
                MetaData.with("userId", actor.toString())
                        .and("correlationId", id)
                        .and("causationId", id));
    }
}

package dev.curious.messenger.bench;

import dev.curious.messenger.api.compliance.SetRetention;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.GrantRole;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.api.user.UserRegistered;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.Replays;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasing a user with many messages: {@code --messages} (default 100,000) sent by one user in 10 conversations are
 * written to the event store (sealed with the user's key, as every message is) and projected; then the user is erased
 * and the benchmark times the command (keys destroyed, event stored) and the read model's catching up (every message
 * of theirs empty, in place), and reads the store back once to show the content is gone there too. Then a
 * conversation's retention: as many messages over 100 days, and a retention of 50 days.
 */
final class ErasureBenchmark {

    private ErasureBenchmark() {}

    static void run(String[] args) throws InterruptedException {
        int messages = BenchSystem.option(args, "messages", 100_000);
        try (ConfigurableApplicationContext context = BenchSystem.start(args)) {
            EventStorageEngine engine = context.getBean(EventStorageEngine.class);
            TransactionManager transactions = context.getBean(TransactionManager.class);
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            UUID user = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            batch.add(ReplayBenchmark.event("User", user, 0, new UserRegistered(user, "erased-one", now), user));
            batch.add(ReplayBenchmark.event("User", other, 0, new UserRegistered(other, "the-other", now), other));
            UUID[] conversations = new UUID[10];
            long[] sequence = new long[10];
            for (int c = 0; c < conversations.length; c++) {
                conversations[c] = UUID.randomUUID();
                batch.add(ReplayBenchmark.event(
                        "Conversation",
                        conversations[c],
                        0,
                        new ConversationStarted(conversations[c], "Topic " + c, user, List.of(user, other), now),
                        user));
            }
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                int c = i % conversations.length;
                now = now.plusMillis(1_000);
                long next = ++sequence[c];
                batch.add(ReplayBenchmark.event(
                        "Conversation",
                        conversations[c],
                        next,
                        ReplayBenchmark.sent(
                                conversations[c],
                                UUID.randomUUID(),
                                next,
                                user,
                                "a message to be forgotten, number " + i,
                                now),
                        user));
                if (batch.size() >= 1_000) {
                    ReplayBenchmark.append(engine, transactions, batch);
                }
            }
            ReplayBenchmark.append(engine, transactions, batch);
            System.out.printf(
                    "%,d messages sealed and stored in %.1f s%n", messages, (System.nanoTime() - start) / 1e9);
            Replays replays = context.getBean(Replays.class);
            ReplayBenchmark.awaitDone(replays, ProcessingGroups.ALL);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            System.out.printf(
                    "projected: %,d messages of the user in the read model%n",
                    count(
                            jdbc,
                            "SELECT count(*) FROM chat_messages WHERE sender_id = ? AND content IS NOT NULL",
                            user));

            long erase = System.nanoTime();
            context.getBean(CommandGateway.class).sendAndWait(new EraseUserContent(user, user));
            double command = (System.nanoTime() - erase) / 1e6;
            ReplayBenchmark.awaitDone(replays, ProcessingGroups.ALL);
            double readModel = (System.nanoTime() - erase) / 1e6;
            long left =
                    count(jdbc, "SELECT count(*) FROM chat_messages WHERE sender_id = ? AND content IS NOT NULL", user);
            long erased = count(jdbc, "SELECT count(*) FROM chat_messages WHERE sender_id = ? AND erased", user);
            System.out.printf(
                    "erasure: command (keys destroyed, event stored) %.1f ms; read model and frames done after %.1f ms;"
                            + " %,d messages erased, %,d with content left%n",
                    command, readModel, erased, left);
            long read = System.nanoTime();
            long readable = context.getBean(EventStore.class)
                    .readEvents(conversations[0].toString())
                    .asStream()
                    .map(DomainEventMessage::getPayload)
                    .filter(p -> p instanceof MessageSent sent && sent.content() != null)
                    .count();
            System.out.printf(
                    "store read back: conversation 1's %,d events read in %.1f ms, %d with content%n",
                    sequence[0] + 1, (System.nanoTime() - read) / 1e6, readable);

            retention(context, engine, transactions, messages, user, other);
        }
    }

    /** The count a {@code SELECT count(*)} with one parameter answers. */
    private static long count(JdbcClient jdbc, String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    /**
     * A conversation's retention: {@code messages} sent over the last 100 days, then a retention of 50 days set by an
     * admin; the command (keys of 50 days destroyed, events stored) and the read model's catching up are timed.
     */
    private static void retention(
            ConfigurableApplicationContext context,
            EventStorageEngine engine,
            TransactionManager transactions,
            int messages,
            UUID member,
            UUID sender)
            throws InterruptedException {
        CommandGateway commands = context.getBean(CommandGateway.class);
        UUID admin = UUID.randomUUID();
        commands.sendAndWait(new RegisterUser(admin, "retention-admin"));
        commands.sendAndWait(new GrantRole(admin, Role.ADMIN, null));
        Instant end = Instant.now();
        Instant at = end.minus(Duration.ofDays(100));
        long step = Duration.ofDays(100).toMillis() / messages;
        UUID conversation = UUID.randomUUID();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        batch.add(ReplayBenchmark.event(
                "Conversation",
                conversation,
                0,
                new ConversationStarted(conversation, "Kept 50 days", sender, List.of(sender, member), at),
                sender));
        for (int i = 1; i <= messages; i++) {
            at = at.plusMillis(step);
            batch.add(ReplayBenchmark.event(
                    "Conversation",
                    conversation,
                    i,
                    ReplayBenchmark.sent(conversation, UUID.randomUUID(), i, sender, "kept for a while, " + i, at),
                    sender));
            if (batch.size() >= 1_000) {
                ReplayBenchmark.append(engine, transactions, batch);
            }
        }
        ReplayBenchmark.append(engine, transactions, batch);
        Replays replays = context.getBean(Replays.class);
        ReplayBenchmark.awaitDone(replays, ProcessingGroups.ALL);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long keys = count(jdbc, "SELECT count(*) FROM content_keys WHERE conversation_id = ?", conversation);

        long start = System.nanoTime();
        commands.sendAndWait(new SetRetention(conversation, 50, admin));
        double command = (System.nanoTime() - start) / 1e6;
        ReplayBenchmark.awaitDone(replays, ProcessingGroups.ALL);
        double readModel = (System.nanoTime() - start) / 1e6;
        long erased =
                count(jdbc, "SELECT count(*) FROM chat_messages WHERE conversation_id = ? AND erased", conversation);
        long destroyed = count(
                jdbc, "SELECT count(*) FROM content_keys WHERE conversation_id = ? AND wrapped IS NULL", conversation);
        System.out.printf(
                "retention: %,d messages over 100 days (%d keys); 50 days set: command (%d keys destroyed, events"
                        + " stored) %.1f ms; read model and frames done after %.1f ms; %,d messages erased%n",
                messages, keys, destroyed, command, readModel, erased);
    }
}

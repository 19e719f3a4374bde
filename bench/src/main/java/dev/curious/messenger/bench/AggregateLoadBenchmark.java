package dev.curious.messenger.bench;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.command.CommandSideApplication;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load time of a conversation aggregate at 10 and at 10,000 events: cold (cache emptied, so the snapshot and the
 * events after it are read from PostgreSQL) and warm (from the cache), on the embedded PostgreSQL.
 */
final class AggregateLoadBenchmark {

    private static final int ITERATIONS = 200;

    private AggregateLoadBenchmark() {}

    static void run(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=warn", "messenger.content.key-file=" + BenchSystem.contentKeyFile())
                .run(args)) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            @SuppressWarnings("unchecked")
            Repository<Object> repository = context.getBean("conversationRepository", Repository.class);
            Cache cache = context.getBean("conversationCache", Cache.class);

            UUID owner = UUID.randomUUID();
            UUID guest = UUID.randomUUID();
            commands.sendAndWait(new RegisterUser(owner, "bench-owner"));
            commands.sendAndWait(new RegisterUser(guest, "bench-guest"));
            int[] sizes = {10, 10_000};
            UUID[] conversations = new UUID[sizes.length];
            double[] commandsPerSecond = new double[sizes.length];
            for (int c = 0; c < sizes.length; c++) {
                conversations[c] = UUID.randomUUID();
                commands.sendAndWait(new StartConversation(conversations[c], "Bench", List.of(guest), owner));
                long start = System.nanoTime();
                for (int i = 1; i < sizes[c]; i++) {
                    commands.sendAndWait(
                            new SendMessage(conversations[c], UUID.randomUUID(), "message " + i, null, null, owner));
                }
                commandsPerSecond[c] = (sizes[c] - 1) / ((System.nanoTime() - start) / 1e9);
            }
            // Both conversations are built before either is measured, so that neither runs on a colder JIT.
            for (int c = 0; c < sizes.length; c++) {
                Stats cold = measure(repository, conversations[c], cache);
                Stats warm = measure(repository, conversations[c], null);
                System.out.printf(
                        "conversation of %6d events (built at %.0f commands/s, snapshot %d bytes)%n"
                                + "  cold load (snapshot and events after it): %s%n"
                                + "  warm load (cache):                        %s%n",
                        sizes[c],
                        commandsPerSecond[c],
                        snapshotSize(context.getBean(JdbcClient.class), conversations[c]),
                        cold.summary(),
                        warm.summary());
            }
        }
    }

    private static int snapshotSize(JdbcClient jdbc, UUID conversation) {
        return jdbc.sql(
                        "SELECT coalesce(max(length(payload)), 0) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(conversation.toString())
                .query(Integer.class)
                .single();
    }

    private static Stats measure(Repository<Object> repository, UUID conversation, Cache evictBeforeEachLoad) {
        for (int i = 0; i < 200; i++) {
            load(repository, conversation, evictBeforeEachLoad);
        }
        long[] nanos = new long[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            nanos[i] = load(repository, conversation, evictBeforeEachLoad);
        }
        return new Stats(nanos);
    }

    private static long load(Repository<Object> repository, UUID conversation, Cache evictBeforeEachLoad) {
        if (evictBeforeEachLoad != null) {
            evictBeforeEachLoad.removeAll();
        }
        long start = System.nanoTime();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            repository.load(conversation.toString());
            return System.nanoTime() - start;
        } finally {
            // Commit, not rollback: a rolled-back unit of work evicts the aggregate from the cache.
            unitOfWork.commit();
        }
    }
}

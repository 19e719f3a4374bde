package dev.curious.messenger.platform.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keys per sender, conversation and day, as two nodes sharing one database see them: one node's erasure, hold and
 * retention are what the other seals and reads by, though each caches keys.
 */
class ContentKeysTest {

    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant DAY_ONE = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2026-11-02T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final UUID ada = UUID.randomUUID();
    private final UUID lunch = UUID.randomUUID();
    private final UUID board = UUID.randomUUID();

    /** What a message event holds once sealed. */
    private ObjectNode sealed(ContentKeys keys, UUID conversation, Instant at, String content, UUID messageId) {
        ObjectNode event = json.createObjectNode();
        SealingSerializer.seal(event, keys, ContentKeys.Scope.of(ada, conversation, at), messageId, content);
        return event;
    }

    private static String keyOf(ObjectNode event) {
        return event.get("sealed").get("key").asText();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not reached in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anErasureOnOneNodeStopsTheOtherSealingWithTheKeyAtOnceAndHoldsAndRetentionScopeIt() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            DataSource dataSource = keyTables(database);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            ContentKeys node1 = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            ContentKeys node2 = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            KeyStates states1 = new KeyStates(node1);
            KeyStates states2 = new KeyStates(node2);

            UUID m1 = UUID.randomUUID();
            ObjectNode first = sealed(node1, lunch, DAY_ONE, "before", m1);
            // One key per sender, conversation and day: the same day shares it, another day or conversation does not.
            assertThat(keyOf(sealed(node1, lunch, DAY_ONE.plusSeconds(60), "same day", UUID.randomUUID())))
                    .isEqualTo(keyOf(first));
            assertThat(keyOf(sealed(node1, lunch, DAY_TWO, "next day", UUID.randomUUID())))
                    .isNotEqualTo(keyOf(first));
            ObjectNode onBoard = sealed(node1, board, DAY_ONE, "board", UUID.randomUUID());
            assertThat(keyOf(onBoard)).isNotEqualTo(keyOf(first));

            // The board is on hold; node 2 erases Ada. Node 1 has her keys cached, yet seals nothing more with them.
            states2.hold(board);
            assertThat(states2.eraseUser(ada)).containsExactly(board);
            UUID m2 = UUID.randomUUID();
            ObjectNode after = sealed(node1, lunch, DAY_ONE, "after", m2);
            assertThat(keyOf(after)).isNotEqualTo(keyOf(first));
            UUID heldAfterId = UUID.randomUUID();
            ObjectNode heldAfter = sealed(node1, board, DAY_ONE, "board after", heldAfterId);
            assertThat(keyOf(heldAfter)).isNotEqualTo(keyOf(onBoard));
            assertThat(SealingSerializer.open(first.get("sealed"), node2, m1)).isNull();
            assertThat(SealingSerializer.open(after.get("sealed"), node2, m2)).isEqualTo("after");
            assertThatThrownBy(() -> SealingSerializer.open(after.get("sealed"), node2, m1))
                    .as("bound to its message id")
                    .isInstanceOf(IllegalStateException.class);

            // The hold ends: what Ada wrote there before her erasure goes, what she wrote after stays.
            assertThat(states1.release(board)).containsExactly(ada);
            ContentKeys reader = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            assertThat(jdbc.sql("SELECT count(*) FROM content_keys WHERE id = ? AND wrapped IS NULL")
                            .param(UUID.fromString(keyOf(onBoard)))
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(jdbc.sql("SELECT count(*) FROM content_keys WHERE id = ? AND wrapped IS NOT NULL")
                            .param(UUID.fromString(keyOf(heldAfter)))
                            .query(Long.class)
                            .single())
                    .isOne();

            // Retention destroys a conversation's keys of the days before a date, nobody else's.
            assertThat(new KeyStates(reader).expire(lunch, LocalDate.parse("2026-11-02")))
                    .isOne();
            assertThat(SealingSerializer.open(after.get("sealed"), reader, m2)).isNull();
            assertThat(new KeyStates(reader).expire(lunch, LocalDate.parse("2026-11-02")))
                    .isZero();
            assertThat(SealingSerializer.open(heldAfter.get("sealed"), reader, heldAfterId))
                    .isEqualTo("board after");

            // An erasure and a release at once: the release waits for the erasure and destroys what it marked.
            states1.hold(lunch);
            ObjectNode held = sealed(node1, lunch, DAY_TWO, "held", UUID.randomUUID());
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            CountDownLatch marked = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<List<UUID>> erasure = threads.submit(() -> transaction.execute(status -> {
                    List<UUID> kept = states1.eraseUser(ada);
                    marked.countDown();
                    await(commit);
                    return kept;
                }));
                await(marked);
                Future<List<UUID>> release =
                        threads.submit(() -> transaction.execute(status -> states2.release(lunch)));
                Thread.sleep(500);
                assertThat(release.isDone())
                        .as("the release waits for the erasure")
                        .isFalse();
                commit.countDown();
                assertThat(erasure.get(10, TimeUnit.SECONDS)).contains(lunch);
                assertThat(release.get(10, TimeUnit.SECONDS)).containsExactly(ada);
            } finally {
                threads.shutdownNow();
            }
            assertThat(jdbc.sql("SELECT count(*) FROM content_keys WHERE id = ? AND wrapped IS NULL")
                            .param(UUID.fromString(keyOf(held)))
                            .query(Long.class)
                            .single())
                    .isOne();
        }
    }

    @Test
    void aKeyReadBeforeItsTransactionCommitsIsWaitedForAndAnUnknownOneIsNotTakenForErased() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            DataSource dataSource = keyTables(database);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            ContentKeys writer = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            ContentKeys reader = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            UUID messageId = UUID.randomUUID();
            AtomicReference<ObjectNode> event = new AtomicReference<>();
            CountDownLatch sealedInFlight = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> writing = threads.submit(() -> transaction.executeWithoutResult(status -> {
                    event.set(sealed(writer, lunch, DAY_ONE, "in flight", messageId));
                    sealedInFlight.countDown();
                    await(commit);
                }));
                await(sealedInFlight);
                // As with Axon Server: the event is read while the key's transaction is still open.
                Future<String> reading =
                        threads.submit(() -> SealingSerializer.open(event.get().get("sealed"), reader, messageId));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() ->
                                jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                                                .query(Long.class)
                                                .single()
                                        == 1);
                assertThat(reading.isDone()).isFalse();
                commit.countDown();
                writing.get(10, TimeUnit.SECONDS);
                assertThat(reading.get(10, TimeUnit.SECONDS)).isEqualTo("in flight");
            } finally {
                threads.shutdownNow();
            }
            assertThatThrownBy(() -> reader.open(UUID.randomUUID(), new byte[28], messageId))
                    .as("a key this database never had is not read as erased")
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** The database with the content-key tables as migration 3 leaves them. */
    private static DataSource keyTables(EmbeddedDatabase database) {
        DataSource dataSource = database.dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .target("3")
                .load()
                .migrate();
        return dataSource;
    }
}

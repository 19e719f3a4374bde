package dev.curious.messenger.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.platform.axon.EventEnvelope;
import dev.curious.messenger.platform.axon.EventEnvelopes;
import dev.curious.messenger.platform.axon.EventHistory;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The export against a real Kafka broker (KRaft) inside the test, which makes no topic by itself (as brokers in
 * production often do not): the export makes its own.
 */
@SpringBootTest(
        classes = CommandAndQuerySides.class,
        properties = "messenger.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(kraft = true, brokerProperties = "auto.create.topics.enable=false")
class KafkaExportTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Autowired
    AnalystCommandLine analyst;

    @Autowired
    EventHistory history;

    @Autowired
    CommandBus commandBus;

    private List<String> storedEventIds() {
        return jdbc.sql("SELECT event_identifier FROM domain_event_entry ORDER BY global_index")
                .query(String.class)
                .list();
    }

    private void chatter() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        for (int c = 0; c < 3; c++) {
            UUID conversation = chat.start(ada, "Talk " + c, bob);
            for (int m = 0; m < 15; m++) {
                chat.send(conversation, m % 2 == 0 ? ada : bob, "message " + m);
            }
        }
    }

    @Test
    void everyEventArrivesKeyedByItsAggregateInTheStoresOrderPerKey() throws Exception {
        chatter();
        List<String> stored = storedEventIds();

        try (ExportedEvents exported = new ExportedEvents(brokers, "messenger.events")) {
            await().atMost(WAIT).until(() -> {
                exported.poll();
                return exported.byEventId.keySet().containsAll(stored);
            });

            Map<String, Long> lastPositionPerKey = new HashMap<>();
            for (ExportedEvents.Received received : exported.all) {
                assertThat(received.eventIdHeader())
                        .isEqualTo(received.envelope().get("eventId").asText());
                assertThat(received.key())
                        .isEqualTo(received.envelope().get("aggregateId").asText());
                long position = received.envelope().get("position").asLong();
                Long previous = lastPositionPerKey.put(received.key(), position);
                assertThat(previous == null || previous < position)
                        .as("order of key %s", received.key())
                        .isTrue();
            }
            ExportedEvents.Received message = exported.all.stream()
                    .filter(r -> r.envelope().get("type").asText().equals("MessageSent"))
                    .findFirst()
                    .orElseThrow();
            assertThat(message.envelope().get("version").asText()).isEqualTo("3");
            assertThat(message.envelope().get("payload").get("content").asText())
                    .startsWith("message ");
            assertThat(message.envelope().get("metadata").get("userId").asText())
                    .isNotBlank();
        }
    }

    @Test
    void theAnalystsCommandLineExportsNdjsonAndRepublishesToKafka(@TempDir Path directory) throws Exception {
        chatter();
        List<String> stored = storedEventIds();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Path file = directory.resolve("events.ndjson");

        long exported = analyst.export(0, file, new PrintStream(progress, true, StandardCharsets.UTF_8));

        List<String> lines = Files.readAllLines(file);
        assertThat(exported).isEqualTo(stored.size());
        assertThat(lines).hasSize(stored.size());
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(json.readTree(line).get("eventId").asText());
        }
        assertThat(ids).isEqualTo(stored);
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("100%")
                .contains("exported " + String.format("%,d", stored.size()) + " events");
        long middle = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                .param(stored.get(10))
                .query(Long.class)
                .single();
        assertThat(analyst.export(middle, file, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(stored.size() - 11);

        try (ExportedEvents consumer = new ExportedEvents(brokers, "messenger.events")) {
            await().atMost(WAIT).until(() -> {
                consumer.poll();
                return consumer.byEventId.keySet().containsAll(stored);
            });
            int before = consumer.all.size();
            long republished = analyst.republish(0, new PrintStream(new ByteArrayOutputStream()));
            assertThat(republished).isEqualTo(stored.size());
            await().atMost(WAIT).until(() -> {
                consumer.poll();
                return consumer.all.size() >= before + stored.size();
            });
            assertThat(consumer.byEventId).hasSize(stored.size());
        }
    }

    /**
     * An erasure reaches Kafka consumers as {@code UserContentErased}, keyed by the user, after the records it voids;
     * what is exported from the store afterwards (the command line, a republish) has {@code content: null}.
     */
    @Test
    void consumersAreToldOfAnErasureAndLaterExportsCarryNoContent(@TempDir Path directory) throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Forgotten", bob);
        UUID message = chat.send(conversation, ada, "soon forgotten");
        chat.command(new EraseUserContent(ada, ada));
        chat.awaitProjected();

        try (ExportedEvents consumer = new ExportedEvents(brokers, "messenger.events")) {
            await().atMost(WAIT).until(() -> {
                consumer.poll();
                return consumer.all.stream()
                        .anyMatch(r -> r.envelope().get("type").asText().equals("UserContentErased")
                                && r.key().equals(ada.toString()));
            });
            ExportedEvents.Received erased = consumer.all.stream()
                    .filter(r -> r.envelope().get("type").asText().equals("UserContentErased"))
                    .filter(r -> r.key().equals(ada.toString()))
                    .findFirst()
                    .orElseThrow();
            assertThat(erased.envelope().get("payload").get("erasedBy").asText())
                    .isEqualTo(ada.toString());
            assertThat(consumer.all.toString()).as("never the sealed bytes").doesNotContain("sealed");
        }
        Path file = directory.resolve("events.ndjson");
        analyst.export(0, file, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String exported = Files.readString(file);
        assertThat(exported)
                .contains(message.toString())
                .doesNotContain("soon forgotten")
                .doesNotContain("sealed");
    }

    /**
     * A transaction that took a position commits after one that took a higher one (held open here in its prepare
     * phase, after the insert). Every path still gives each event its own position: Kafka, the history read (which
     * waits for the gap and keeps position order) and the export file.
     */
    @Test
    void everyPathGivesEachEventItsOwnPositionWhenCommitsOvertakeEachOther(@TempDir Path directory) throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Race", bob);
        long before = history.head();
        UUID slow = UUID.randomUUID();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registration holding = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof RegisterUser register
                    && register.userId().equals(slow)) {
                unitOfWork.onPrepareCommit(u -> {
                    inserted.countDown();
                    awaitQuietly(release);
                });
            }
            return result;
        });
        Thread slowWriter = new Thread(() -> chat.command(new RegisterUser(slow, "slow" + before)));
        slowWriter.start();
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        UUID overtaking = chat.send(conversation, ada, "overtakes");

        List<EventEnvelope> read = new ArrayList<>();
        CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return history.read(before, read::add);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(reading).as("the read waits for the transaction in flight").isNotDone();
        release.countDown();
        slowWriter.join();
        holding.cancel();
        reading.get(30, TimeUnit.SECONDS);

        Map<String, Long> stored = jdbc
                .sql("SELECT event_identifier, global_index FROM domain_event_entry")
                .query((row, n) -> Map.entry(row.getString(1), row.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        EventEnvelope registered = read.stream()
                .filter(e -> e.aggregateId().equals(slow.toString()))
                .findFirst()
                .orElseThrow();
        EventEnvelope message = read.stream()
                .filter(e -> overtaking
                        .toString()
                        .equals(e.payload().path("messageId").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(registered.position())
                .as("the slow transaction took the lower position")
                .isLessThan(message.position());
        assertThat(read).extracting(EventEnvelope::position).isSorted().doesNotHaveDuplicates();
        for (EventEnvelope envelope : read) {
            assertThat(envelope.position()).isEqualTo(stored.get(envelope.eventId()));
        }

        try (ExportedEvents exported = new ExportedEvents(brokers, "messenger.events")) {
            await().atMost(WAIT).until(() -> {
                exported.poll();
                return exported.byEventId.keySet().containsAll(stored.keySet());
            });
            for (ExportedEvents.Received received : exported.all) {
                assertThat(received.envelope().get("position").asLong())
                        .as("position on Kafka of %s", received.eventIdHeader())
                        .isEqualTo(stored.get(received.eventIdHeader()));
            }
        }

        Path file = directory.resolve("events.ndjson");
        analyst.export(0, file, new PrintStream(new ByteArrayOutputStream()));
        ObjectMapper json = new ObjectMapper();
        List<Long> positions = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode envelope = json.readTree(line);
            positions.add(envelope.get("position").asLong());
            assertThat(envelope.get("position").asLong())
                    .isEqualTo(stored.get(envelope.get("eventId").asText()));
        }
        assertThat(positions).isSorted().hasSize(stored.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A crash after the broker acknowledged and before the token was stored leaves the token behind the sends: here
     * the token is put back by hand, exactly as such a crash leaves it. The events are sent again, and a consumer that
     * dedupes by eventId still sees each one exactly once, in order per key.
     */
    @Test
    void eventsSentAgainAfterACrashAreSeenOncePerEventId() throws Exception {
        chatter();
        List<String> stored = storedEventIds();
        try (ExportedEvents exported = new ExportedEvents(brokers, "messenger.events")) {
            await().atMost(WAIT).until(() -> {
                exported.poll();
                return exported.byEventId.keySet().containsAll(stored);
            });
            int before = exported.all.size();
            long middle = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                    .param(stored.get(stored.size() / 2))
                    .query(Long.class)
                    .single();

            StreamingEventProcessor export = processing
                    .eventProcessor(KafkaExporter.GROUP, StreamingEventProcessor.class)
                    .orElseThrow();
            export.shutDown();
            export.resetTokens(EventEnvelopes.tokenAfter(eventStore, middle));
            export.start();
            await().atMost(WAIT).until(() -> {
                exported.poll();
                return exported.all.size()
                        >= before + (stored.size() - stored.indexOf(stored.get(stored.size() / 2)) - 1);
            });

            assertThat(exported.all.size()).isGreaterThan(before);
            assertThat(exported.byEventId.keySet()).containsAll(stored);
            Map<String, Long> lastPositionPerKey = new HashMap<>();
            for (ExportedEvents.Received first : exported.byEventId.values()) {
                long position = first.envelope().get("position").asLong();
                Long previous = lastPositionPerKey.put(first.key(), position);
                assertThat(previous == null || previous < position).isTrue();
            }
        }
    }
}

package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The no-loss fault test: the standalone jar on a PostgreSQL that this harness runs (so that it survives), messages
 * sent over REST by 4 clients, the system killed with SIGKILL at random moments and restarted, {@code rounds} times.
 * Then every message whose send was acknowledged (202) must be in the event store once and in the read model once.
 */
final class KillRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KillRestartTest() {}

    static void run(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5, false);
    }

    /** The same load, but PostgreSQL is stopped for a few seconds and started again while the system keeps running. */
    static void runPostgresRestart(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 3, true);
    }

    private static void run(int rounds, boolean restartPostgres) throws Exception {
        Path jar = Loopback.STANDALONE_JAR;
        Path work = Files.createTempDirectory("messenger-kill");
        int databasePort = Loopback.freePort();
        EmbeddedPostgres first = postgres(work, databasePort);
        EmbeddedPostgres[] current = {first};
        KafkaTopic kafka = KafkaTopic.start();
        try {
            EmbeddedPostgres postgres = first;
            String database = "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
            int port = Loopback.freePort();
            Map<String, String> environment = new HashMap<>(kafka.exportTo());
            environment.put("DATABASE_URL", database);
            Process system = Loopback.start(jar, port, work, "system-0.log", environment);
            Loopback client = new Loopback(port);
            String ada = client.register("ada");
            String bob = client.register("bob");
            String bobId = client.get("/api/users/me", bob).get("id").asText();
            String conversation = client.post(
                            "/api/conversations", ada, Map.of("title", "Kill", "memberIds", List.of(bobId)))
                    .body()
                    .get("id")
                    .asText();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            Map<String, Integer> outageAnswers = new ConcurrentHashMap<>();
            AtomicBoolean outage = new AtomicBoolean();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread[] senders = new Thread[4];
            for (int s = 0; s < senders.length; s++) {
                String token = s % 2 == 0 ? ada : bob;
                int sender = s;
                senders[s] = new Thread(() -> {
                    long n = 0;
                    while (sending.get()) {
                        try {
                            Loopback.Answer posted = client.post(
                                    "/api/conversations/" + conversation + "/messages",
                                    token,
                                    Map.of("content", "sender " + sender + " message " + n++));
                            if (posted.status() == 202) {
                                acknowledged.add(posted.body().get("messageId").asText());
                            } else {
                                failures.merge("HTTP " + posted.status(), 1, Integer::sum);
                                if (outage.get()) {
                                    outageAnswers.merge(
                                            posted.status() + " "
                                                    + posted.body()
                                                            .path("title")
                                                            .asText(),
                                            1,
                                            Integer::sum);
                                }
                            }
                        } catch (Exception down) {
                            failures.merge(down.getClass().getSimpleName(), 1, Integer::sum);
                            sleep(50);
                        }
                    }
                });
                senders[s].start();
            }
            Random random = new Random(7);
            for (int round = 1; round <= rounds; round++) {
                sleep(2_000 + random.nextInt(3_000));
                if (restartPostgres) {
                    outage.set(true);
                    current[0].close();
                    System.out.printf(
                            "round %d: PostgreSQL stopped after %,d acknowledged sends%n", round, acknowledged.size());
                    sleep(3_000);
                    current[0] = postgres(work, databasePort);
                    outage.set(false);
                    System.out.printf("round %d: PostgreSQL started again%n", round);
                } else {
                    system.destroyForcibly().waitFor();
                    System.out.printf(
                            "round %d: killed with SIGKILL after %,d acknowledged sends%n", round, acknowledged.size());
                    system = Loopback.start(jar, port, work, "system-" + round + ".log", environment);
                }
            }
            sleep(2_000);
            sending.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            System.out.printf("sends acknowledged: %,d; failed while down: %s%n", acknowledged.size(), failures);
            if (restartPostgres) {
                System.out.printf("answers while PostgreSQL was down: %s%n", outageAnswers);
            }
            postgres = current[0];

            // The read model catches up after the last restart.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            Map<String, Integer> inStore;
            Map<String, Integer> inReadModel;
            do {
                sleep(1_000);
                inStore = counts(
                        postgres,
                        "SELECT convert_from(payload, 'UTF8')::json->>'messageId' FROM domain_event_entry"
                                + " WHERE payload_type = 'dev.curious.messenger.api.message.MessageSent'");
                inReadModel = counts(postgres, "SELECT id::text FROM chat_messages");
            } while (!inReadModel.keySet().containsAll(acknowledged) && System.nanoTime() < deadline);
            Map<String, Integer> onKafka;
            Map<String, Integer> recordsPerEvent;
            do {
                recordsPerEvent = new HashMap<>();
                onKafka = new HashMap<>();
                for (ConsumerRecord<String, String> record : kafka.readAll(Duration.ofSeconds(2))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    String eventId = envelope.get("eventId").asText();
                    // Dedupe by eventId: a record re-sent after a crash counts once.
                    if (recordsPerEvent.merge(eventId, 1, Integer::sum) == 1
                            && envelope.get("type").asText().endsWith("MessageSent")) {
                        onKafka.merge(envelope.get("payload").get("messageId").asText(), 1, Integer::sum);
                    }
                }
            } while (!onKafka.keySet().containsAll(acknowledged) && System.nanoTime() < deadline);
            system.destroy();
            Map<String, Integer> kafkaMessages = onKafka;
            long resent = recordsPerEvent.values().stream()
                    .mapToInt(count -> count - 1)
                    .sum();
            Map<String, Integer> store = inStore;
            Map<String, Integer> readModel = inReadModel;

            long missingFromStore =
                    acknowledged.stream().filter(id -> !store.containsKey(id)).count();
            long missingFromReadModel = acknowledged.stream()
                    .filter(id -> !readModel.containsKey(id))
                    .count();
            long duplicatedInStore = store.values().stream().filter(c -> c > 1).count();
            long duplicatedInReadModel =
                    readModel.values().stream().filter(c -> c > 1).count();
            System.out.printf(
                    "event store: %,d messages, %d acknowledged missing, %d duplicated%n",
                    store.size(), missingFromStore, duplicatedInStore);
            System.out.printf(
                    "read model:  %,d messages, %d acknowledged missing, %d duplicated%n",
                    readModel.size(), missingFromReadModel, duplicatedInReadModel);
            long missingFromKafka = acknowledged.stream()
                    .filter(id -> !kafkaMessages.containsKey(id))
                    .count();
            long duplicatedOnKafka =
                    kafkaMessages.values().stream().filter(c -> c > 1).count();
            System.out.printf(
                    "Kafka:       %,d messages (%,d records, %,d re-sent after a crash and dropped by eventId), %d"
                            + " acknowledged missing, %d duplicated%n",
                    kafkaMessages.size(),
                    recordsPerEvent.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum(),
                    resent,
                    missingFromKafka,
                    duplicatedOnKafka);
            boolean passed = missingFromStore == 0
                    && missingFromKafka == 0
                    && duplicatedOnKafka == 0
                    && missingFromReadModel == 0
                    && duplicatedInStore == 0
                    && duplicatedInReadModel == 0
                    && !acknowledged.isEmpty();
            System.out.println(passed ? "PASSED: nothing acknowledged was lost" : "FAILED");
            if (!passed) {
                System.exit(1);
            }
        } finally {
            current[0].close();
            kafka.close();
        }
    }

    private static EmbeddedPostgres postgres(Path work, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on")
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static Map<String, Integer> counts(EmbeddedPostgres postgres, String sql) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The no-loss fault tests. Messages are sent over REST by 4 clients while the system is crashed at random moments
 * and started again, {@code rounds} times; then every message whose send was acknowledged (202) must be in the event
 * store once, in the read model once and on Kafka (deduped by eventId), and Kafka must tell the store's history:
 * no record the store lacks, each key's events in the store's order, each record's position the store's.
 *
 * <ul>
 *   <li>{@code jvm}: the system's JVM is SIGKILLed; its embedded PostgreSQL outlives it and must be taken over.
 *   <li>{@code host}: the JVM and every PostgreSQL process are SIGKILLed together, as a power cut or the machine's
 *       OOM killer would; PostgreSQL recovers from its WAL.
 *   <li>{@code postgres-restart}: the system keeps running on a PostgreSQL of the harness's, which is stopped and
 *       started again.
 * </ul>
 */
final class KillRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODES = List.of("jvm", "host");

    private KillRestartTest() {}

    /** {@code kill-restart [rounds] [jvm|host]}: both modes unless one is named. */
    static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> modes = args.length > 1 ? List.of(args[1]) : MODES;
        boolean passed = true;
        for (String mode : modes) {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("mode is jvm or host, not " + mode);
            }
            passed &= crashAndRestart(rounds, mode.equals("host"));
        }
        if (!passed) {
            System.exit(1);
        }
    }

    /** {@code postgres-restart [rounds]}. */
    static void runPostgresRestart(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("messenger-postgres-restart");
        Path data = work.resolve("postgres");
        int databasePort = Loopback.freePort();
        EmbeddedDatabase[] postgres = {EmbeddedDatabase.start(data, databasePort)};
        try (KafkaTopic kafka = KafkaTopic.start()) {
            Map<String, String> environment = new HashMap<>(kafka.exportTo());
            environment.put("DATABASE_URL", "postgres://postgres:postgres@localhost:" + databasePort + "/postgres");
            Run run = new Run(work, environment, kafka);
            run.load(rounds, round -> {
                run.outage.set(true);
                postgres[0].close();
                System.out.printf(
                        "round %d: PostgreSQL stopped after %,d acknowledged sends%n", round, run.acknowledged.size());
                sleep(3_000);
                postgres[0] = EmbeddedDatabase.start(data, databasePort);
                run.outage.set(false);
                System.out.printf("round %d: PostgreSQL started again%n", round);
            });
            System.out.printf("answers while PostgreSQL was down: %s%n", run.outageAnswers);
            if (!run.verify(postgres[0].dataSource())) {
                System.exit(1);
            }
            run.stop();
        } finally {
            postgres[0].close();
        }
    }

    private static boolean crashAndRestart(int rounds, boolean host) throws Exception {
        Path work = Files.createTempDirectory("messenger-kill-" + (host ? "host" : "jvm"));
        Path data = work.resolve("data");
        try (KafkaTopic kafka = KafkaTopic.start()) {
            Map<String, String> environment = new HashMap<>(kafka.exportTo());
            environment.put("MESSENGER_DATA_DIR", data.toString());
            System.out.printf(
                    "%n== kill-restart, mode %s: %s%n",
                    host ? "host" : "jvm",
                    host
                            ? "the JVM and its PostgreSQL SIGKILLed together"
                            : "the JVM SIGKILLed, its PostgreSQL left running");
            Run run = new Run(work, environment, kafka);
            run.load(rounds, round -> {
                List<ProcessHandle> killed = new ArrayList<>(List.of(run.system.toHandle()));
                if (host) {
                    killed.addAll(postgresProcesses(data.resolve("postgres")));
                }
                killed.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle process : killed) {
                    process.onExit().get(30, TimeUnit.SECONDS);
                }
                System.out.printf(
                        "round %d: SIGKILL to %d processes after %,d acknowledged sends%n",
                        round, killed.size(), run.acknowledged.size());
                run.restart("system-" + round + ".log");
            });
            boolean passed = run.verify(runningDatabase(data.resolve("postgres")));
            run.stop();
            return passed;
        }
    }

    /** The postmaster named in the data directory's pid file and every process under it. */
    private static List<ProcessHandle> postgresProcesses(Path directory) throws Exception {
        long pid = Long.parseLong(
                Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        return all;
    }

    /** The embedded PostgreSQL of the running system, by the port in its pid file (line 4). */
    private static DataSource runningDatabase(Path directory) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {
            Integer.parseInt(Files.readAllLines(directory.resolve("postmaster.pid"))
                    .get(3)
                    .trim())
        });
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        return dataSource;
    }

    private interface Fault {
        void inject(int round) throws Exception;
    }

    /** One system under load: started, faulted, checked. */
    private static final class Run {

        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final Map<String, Integer> outageAnswers = new ConcurrentHashMap<>();
        final AtomicBoolean outage = new AtomicBoolean();
        final Path work;
        final Map<String, String> environment;
        final KafkaTopic kafka;
        final int port = Loopback.freePort();
        Process system;

        Run(Path work, Map<String, String> environment, KafkaTopic kafka) throws Exception {
            this.work = work;
            this.environment = environment;
            this.kafka = kafka;
            restart("system-0.log");
        }

        void restart(String log) throws Exception {
            // Loopback.start fails when the system does not answer within 3 minutes: no manual step is taken.
            system = Loopback.start(Loopback.STANDALONE_JAR, port, work, log, environment);
        }

        void load(int rounds, Fault fault) throws Exception {
            Loopback client = new Loopback(port);
            String ada = client.register("ada");
            String bob = client.register("bob");
            String bobId = client.get("/api/users/me", bob).get("id").asText();
            List<String> conversations = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                conversations.add(client.post(
                                "/api/conversations", ada, Map.of("title", "Kill " + c, "memberIds", List.of(bobId)))
                        .body()
                        .get("id")
                        .asText());
            }
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread[] senders = new Thread[4];
            for (int s = 0; s < senders.length; s++) {
                String token = s % 2 == 0 ? ada : bob;
                String conversation = conversations.get(s);
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
                fault.inject(round);
            }
            sleep(2_000);
            sending.set(false);
            for (Thread sender : senders) {
                sender.join();
            }
            System.out.printf("sends acknowledged: %,d; failed while down: %s%n", acknowledged.size(), failures);
        }

        void stop() throws InterruptedException {
            system.destroy();
            system.waitFor(60, TimeUnit.SECONDS);
        }

        /** Waits for the read model and Kafka to catch up, then compares them with the store; true when all held. */
        boolean verify(DataSource database) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            Map<String, StoredEvent> store;
            Map<String, Integer> readModel;
            do {
                sleep(1_000);
                store = storedEvents(database);
                readModel = counts(database, "SELECT id::text FROM chat_messages");
            } while (!readModel.keySet().containsAll(acknowledged) && System.nanoTime() < deadline);
            Map<String, Integer> messagesInStore = new HashMap<>();
            store.values().stream()
                    .filter(e -> e.messageId() != null)
                    .forEach(e -> messagesInStore.merge(e.messageId(), 1, Integer::sum));

            Map<String, JsonNode> onKafka = new LinkedHashMap<>();
            List<JsonNode> records = new ArrayList<>();
            Map<String, List<String>> kafkaOrder = new HashMap<>();
            do {
                onKafka.clear();
                records.clear();
                kafkaOrder.clear();
                for (ConsumerRecord<String, String> record : kafka.readAll(Duration.ofSeconds(2))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    records.add(envelope);
                    // Dedupe by eventId: a record re-sent after a crash counts once, at its first place.
                    if (onKafka.putIfAbsent(envelope.get("eventId").asText(), envelope) == null
                            && record.key() != null) {
                        kafkaOrder
                                .computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(envelope.get("eventId").asText());
                    }
                }
            } while (!onKafka.keySet().containsAll(store.keySet()) && System.nanoTime() < deadline);

            Set<String> messagesOnKafka = new java.util.HashSet<>();
            onKafka.values().stream()
                    .filter(e -> e.get("type").asText().equals("MessageSent"))
                    .forEach(e -> messagesOnKafka.add(
                            e.get("payload").get("messageId").asText()));
            Map<String, Integer> readModelCounts = readModel;
            long missingFromStore = acknowledged.stream()
                    .filter(id -> !messagesInStore.containsKey(id))
                    .count();
            long duplicatedInStore =
                    messagesInStore.values().stream().filter(c -> c > 1).count();
            long missingFromReadModel = acknowledged.stream()
                    .filter(id -> !readModelCounts.containsKey(id))
                    .count();
            long duplicatedInReadModel =
                    readModel.values().stream().filter(c -> c > 1).count();
            long missingFromKafka = acknowledged.stream()
                    .filter(id -> !messagesOnKafka.contains(id))
                    .count();
            Map<String, StoredEvent> stored = store;
            long notInStore = onKafka.keySet().stream()
                    .filter(id -> !stored.containsKey(id))
                    .count();
            long wrongPosition = records.stream()
                    .filter(e -> stored.containsKey(e.get("eventId").asText())
                            && stored.get(e.get("eventId").asText()).position()
                                    != e.get("position").asLong())
                    .count();
            Map<String, List<String>> storeOrder = new HashMap<>();
            store.values().stream()
                    .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
                    .forEach(e -> storeOrder
                            .computeIfAbsent(e.aggregateId(), k -> new ArrayList<>())
                            .add(e.eventId()));
            long keysOutOfOrder = kafkaOrder.entrySet().stream()
                    .filter(key -> !key.getValue().equals(storeOrder.get(key.getKey())))
                    .count();

            System.out.printf(
                    "event store: %,d events, %,d messages, %d acknowledged missing, %d duplicated%n",
                    store.size(), messagesInStore.size(), missingFromStore, duplicatedInStore);
            System.out.printf(
                    "read model:  %,d messages, %d acknowledged missing, %d duplicated%n",
                    readModel.size(), missingFromReadModel, duplicatedInReadModel);
            System.out.printf(
                    "Kafka:       %,d records (%,d re-sent after a crash, dropped by eventId), %d acknowledged"
                            + " messages missing, %d events the store lacks, %d records at a position not the"
                            + " store's, %d of %d keys not in the store's order%n",
                    records.size(),
                    records.size() - onKafka.size(),
                    missingFromKafka,
                    notInStore,
                    wrongPosition,
                    keysOutOfOrder,
                    kafkaOrder.size());
            boolean passed = !acknowledged.isEmpty()
                    && missingFromStore == 0
                    && duplicatedInStore == 0
                    && missingFromReadModel == 0
                    && duplicatedInReadModel == 0
                    && missingFromKafka == 0
                    && notInStore == 0
                    && wrongPosition == 0
                    && keysOutOfOrder == 0;
            System.out.println(passed ? "PASSED: nothing acknowledged was lost" : "FAILED");
            return passed;
        }
    }

    private record StoredEvent(String eventId, String aggregateId, long sequence, long position, String messageId) {}

    private static Map<String, StoredEvent> storedEvents(DataSource database) throws Exception {
        Map<String, StoredEvent> events = new HashMap<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT event_identifier, aggregate_identifier, sequence_number, global_index,"
                                + " CASE WHEN payload_type = 'dev.curious.messenger.api.message.MessageSent'"
                                + " THEN convert_from(payload, 'UTF8')::json->>'messageId' END"
                                + " FROM domain_event_entry")) {
            while (rows.next()) {
                events.put(
                        rows.getString(1),
                        new StoredEvent(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getLong(3),
                                rows.getLong(4),
                                rows.getString(5)));
            }
        }
        return events;
    }

    private static Map<String, Integer> counts(DataSource database, String sql) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = database.getConnection();
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

package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Kafka export lag: a real broker in this process, the standalone jar exporting to it, chat load over STOMP, and a
 * consumer tailing the topic; the lag of an event is from its own time stamp (taken when the command was handled)
 * to the moment the consumer has it.
 */
final class KafkaLagBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaLagBenchmark() {}

    static void run(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        try (KafkaTopic kafka = KafkaTopic.start()) {
            int port = Loopback.freePort();
            Path data = Files.createTempDirectory("messenger-bench");
            Process system = Loopback.start(
                    Path.of("standalone/target/messenger.jar"),
                    port,
                    data,
                    "system.log",
                    kafka.exportTo(),
                    "--messenger.embedded-postgres.data-dir=" + data.resolve("postgres"));
            System.out.println("system up on port " + port + ", exporting to " + kafka.bootstrapServers());
            try (ChatLoad load = ChatLoad.open(new Loopback(port), 1, 1, 1)) {
                load.send(100, warmup);
                Thread.sleep(3_000);
                long wallOffset = epochNanos(Instant.now()) - System.nanoTime();
                ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
                AutoCloseable tail = kafka.tail(record -> {
                    long arrived = System.nanoTime();
                    try {
                        JsonNode envelope = JSON.readTree(record.value());
                        long stamped = epochNanos(
                                        Instant.parse(envelope.get("timestamp").asText()))
                                - wallOffset;
                        lags.add(arrived - stamped);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1_000);
                long sent = load.send(rate, seconds);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (lags.size() < sent && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                tail.close();
                System.out.printf(
                        "Kafka export lag at %d msg/s for %d s (after %d s of warm-up): %s; %d of %d sent on the"
                                + " topic%n",
                        rate, seconds, warmup, Stats.of(lags).summary(), lags.size(), sent);
            } finally {
                system.destroy();
            }
        }
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

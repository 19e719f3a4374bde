package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            System.out.println("exporting to " + kafka.bootstrapServers());
            try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, kafka.exportTo());
                    ChatLoad load = ChatLoad.open(system.client(), 1, 1, 1)) {
                load.send(100, warmup);
                Thread.sleep(3_000);
                ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
                AutoCloseable tail = kafka.tail(record -> {
                    long arrived = System.nanoTime();
                    try {
                        JsonNode envelope = JSON.readTree(record.value());
                        long stamped = NanoClock.at(envelope.get("timestamp").asText());
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
            }
        }
    }
}

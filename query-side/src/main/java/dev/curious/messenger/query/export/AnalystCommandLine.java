package dev.curious.messenger.query.export;

import dev.curious.messenger.platform.axon.EventEnvelope;
import dev.curious.messenger.platform.axon.EventEnvelopes;
import dev.curious.messenger.platform.axon.EventHistory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The analysts' command line (docs/analysts-and-auditors.md, "The analysts' command line"): {@code --messenger.analyst=export --from=<position>
 * --file=<path>} writes the store's events after a position as NDJSON envelopes; {@code --messenger.analyst=republish
 * --from=<position>} sends them to the Kafka topic again (consumers dedupe by eventId). Both show a progress bar on
 * standard error and end with a count, then exit.
 */
@Component
class AnalystCommandLine implements ApplicationRunner {

    private static final int CHUNK = 1_000;

    private final EventHistory history;
    private final EventEnvelopes envelopes;
    private final ObjectProvider<KafkaExporter> exporter;
    private final ConfigurableApplicationContext context;

    AnalystCommandLine(
            EventHistory history,
            EventEnvelopes envelopes,
            ObjectProvider<KafkaExporter> exporter,
            ConfigurableApplicationContext context) {
        this.history = history;
        this.envelopes = envelopes;
        this.exporter = exporter;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption("messenger.analyst")) {
            return;
        }
        String command = args.getOptionValues("messenger.analyst").get(0);
        long from = args.containsOption("from")
                ? Long.parseLong(args.getOptionValues("from").get(0))
                : 0;
        long count =
                switch (command) {
                    case "export" ->
                        export(
                                from,
                                Path.of(
                                        args.containsOption("file")
                                                ? args.getOptionValues("file").get(0)
                                                : "events.ndjson"),
                                System.err);
                    case "republish" -> republish(from, System.err);
                    default ->
                        throw new IllegalArgumentException(
                                "--messenger.analyst is export or republish, not " + command);
                };
        System.out.println(count);
        // Axon keeps a non-daemon janitor thread: a command-line run ends the JVM itself once it is done.
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /** Writes the events after {@code from} to {@code file}; the number written. */
    long export(long from, Path file, PrintStream progress) throws IOException, InterruptedException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            long count = stream(from, progress, envelope -> {
                out.write(envelopes.toJson(envelope));
                out.write('\n');
            });
            progress.printf("%nexported %,d events after position %d to %s%n", count, from, file);
            return count;
        }
    }

    /** Sends the events after {@code from} to Kafka, awaiting the broker every {@value #CHUNK}; the number sent. */
    long republish(long from, PrintStream progress) throws IOException, InterruptedException {
        KafkaExporter kafka = exporter.getIfAvailable();
        if (kafka == null) {
            throw new IllegalStateException("republish needs MESSENGER_KAFKA_BOOTSTRAP_SERVERS");
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long count = stream(from, progress, envelope -> {
            sends.add(kafka.send(envelope));
            if (sends.size() >= CHUNK) {
                kafka.awaitAcknowledged(sends);
                sends.clear();
            }
        });
        kafka.awaitAcknowledged(sends);
        progress.printf("%nrepublished %,d events after position %d%n", count, from);
        return count;
    }

    private interface Sink {
        void accept(EventEnvelope envelope) throws IOException;
    }

    /** Reads the events after {@code from} up to the head as it is now, drawing a progress bar. */
    private long stream(long from, PrintStream progress, Sink sink) throws IOException, InterruptedException {
        long total = Math.max(0, history.head() - from);
        long[] drawn = {System.nanoTime()};
        long count = history.read(from, envelope -> {
            sink.accept(envelope);
            if (System.nanoTime() - drawn[0] > 200_000_000L) {
                drawn[0] = System.nanoTime();
                bar(progress, envelope.position() - from, total);
            }
            return true;
        });
        bar(progress, total, total);
        return count;
    }

    private static void bar(PrintStream progress, long done, long total) {
        int width = 30;
        int percent = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int filled = percent * width / 100;
        progress.printf(
                "\r[%s%s] %3d%%  %,d / %,d", "#".repeat(filled), " ".repeat(width - filled), percent, done, total);
        progress.flush();
    }
}

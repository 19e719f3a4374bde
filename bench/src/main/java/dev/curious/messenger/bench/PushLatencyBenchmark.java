package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Send → push latency, and the highest sustained message rate: starts the standalone jar as its own JVM on a fresh
 * embedded PostgreSQL and drives it with {@link ChatLoad} over loopback STOMP.
 */
final class PushLatencyBenchmark {

    /** Options shared by both benchmarks. */
    private static final class Options {
        List<Integer> rates = new ArrayList<>();
        int seconds = 10;
        int warmup = 60;
        int conversations = 1;
        int senders = 1;
        int subscribers = 10;
        int idle = 0;
        Path jar = Loopback.STANDALONE_JAR;

        Options(String[] args, List<Integer> defaultRates) {
            for (String arg : args) {
                int equals = arg.indexOf('=');
                String value = arg.substring(equals + 1);
                switch (arg.substring(0, equals + 1)) {
                    case "--rates=" ->
                        Arrays.stream(value.split(",")).map(Integer::valueOf).forEach(rates::add);
                    case "--seconds=" -> seconds = Integer.parseInt(value);
                    case "--warmup=" -> warmup = Integer.parseInt(value);
                    case "--conversations=" -> conversations = Integer.parseInt(value);
                    case "--senders=" -> senders = Integer.parseInt(value);
                    case "--subscribers=" -> subscribers = Integer.parseInt(value);
                    case "--idle=" -> idle = Integer.parseInt(value);
                    case "--jar=" -> jar = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (rates.isEmpty()) {
                rates.addAll(defaultRates);
            }
        }

        String describe() {
            return String.format(
                    "%d conversation(s), each %d sender session(s) and %d subscriber(s), %d more watched and idle; %d s"
                            + " per rate after %d s of warm-up at 100 msg/s",
                    conversations, senders, subscribers, idle, seconds, warmup);
        }
    }

    private PushLatencyBenchmark() {}

    /** Latency at each of the given rates. */
    static void latency(String[] args) throws Exception {
        Options options = new Options(args, List.of(50, 200, 1000));
        withLoad(options, load -> {
            for (int rate : options.rates) {
                load.measure(rate, options.seconds, 30).print();
            }
        });
    }

    /**
     * Ramps the rate until a stage is not sustained: sent at the rate, every frame delivered within 5 s of the stage's
     * end, and p99 under one second (so no backlog builds).
     */
    static void throughput(String[] args) throws Exception {
        Options options = new Options(args, List.of(100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000));
        withLoad(options, load -> {
            int sustained = 0;
            for (int rate : options.rates) {
                ChatLoad.Result result = load.measure(rate, options.seconds, 5);
                result.print();
                boolean kept = result.sentPerSecond() >= rate * 0.98
                        && result.complete()
                        && result.total().percentileMillis(99) < 1_000;
                if (!kept) {
                    System.out.printf("not sustained at %d msg/s%n", rate);
                    break;
                }
                sustained = rate;
            }
            System.out.printf("highest sustained: %d msg/s (%s)%n", sustained, options.describe());
        });
    }

    private interface Run {
        void with(ChatLoad load) throws Exception;
    }

    private static void withLoad(Options options, Run run) throws Exception {
        try (Loopback.Fresh system = Loopback.startFresh(options.jar, Map.of());
                ChatLoad load =
                        ChatLoad.open(system.client(), options.conversations, options.senders, options.subscribers)) {
            load.watchIdle(system.client(), options.idle);
            System.out.println(options.describe());
            // The JIT compilers keep a core busy for the first minute; a server under load is past that.
            load.send(100, options.warmup);
            run.with(load);
        }
    }
}

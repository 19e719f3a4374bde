package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Send → push latency, and the highest sustained message rate: starts the standalone jar as its own JVM on a fresh
 * embedded PostgreSQL (or, with {@code --axon-server=host:port}, a {@link Deployment} of separate services) and drives
 * it with {@link ChatLoad} over loopback STOMP.
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
        List<Integer> idle = new ArrayList<>();
        String axonServer;
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
                    case "--idle=" ->
                        Arrays.stream(value.split(","))
                                .map(Integer::valueOf)
                                .sorted()
                                .forEach(idle::add);
                    case "--jar=" -> jar = Path.of(value);
                    case "--axon-server=" -> axonServer = value;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (rates.isEmpty()) {
                rates.addAll(defaultRates);
            }
            if (idle.isEmpty()) {
                idle.add(0);
            }
        }

        String describe(int idle) {
            String where = axonServer == null
                    ? "one JVM"
                    : "distributed on Axon Server " + axonServer + ", senders on gateway node 1, subscribers on node 2";
            return where + ", "
                    + String.format(
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
            return 0;
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
            System.out.printf("highest sustained: %d msg/s%n", sustained);
            return sustained;
        });
    }

    /** One measurement over a load; for the ramp, the highest sustained rate. */
    private interface Run {
        int with(ChatLoad load) throws Exception;
    }

    private static void withLoad(Options options, Run run) throws Exception {
        if (options.axonServer != null) {
            try (Deployment deployment = Deployment.start(options.axonServer);
                    ChatLoad load = ChatLoad.open(
                            deployment.gateway(0),
                            deployment.gateway(1),
                            options.conversations,
                            options.senders,
                            options.subscribers)) {
                runPerIdleCount(options, load, deployment.gateway(1), run);
            }
            return;
        }
        try (Loopback.Fresh system = Loopback.startFresh(options.jar, Map.of());
                ChatLoad load =
                        ChatLoad.open(system.client(), options.conversations, options.senders, options.subscribers)) {
            runPerIdleCount(options, load, system.client(), run);
        }
    }

    /**
     * Warms up, then runs the measurement once for each count of idle watched conversations, adding the ones the next
     * count needs in between (one system, so the counts compare), and prints what each count sustained against the
     * first.
     */
    private static void runPerIdleCount(Options options, ChatLoad load, Loopback node, Run run) throws Exception {
        Map<Integer, Integer> results = new LinkedHashMap<>();
        int watched = 0;
        for (int idle : options.idle) {
            load.watchIdle(node, idle - watched);
            watched = idle;
            System.out.println(options.describe(idle));
            if (results.isEmpty()) {
                // The JIT compilers keep a core busy for the first minute; a server under load is past that.
                load.send(100, options.warmup);
            }
            results.put(idle, run.with(load));
        }
        int first = results.get(options.idle.get(0));
        if (results.size() > 1 && first > 0) {
            results.forEach((idle, sustained) -> System.out.printf(
                    "watched %,6d: highest sustained %,d msg/s, %.0f%% of the first%n",
                    options.conversations + idle, sustained, 100.0 * sustained / first));
        }
    }
}

package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Cost per message, every row of the comparison with ejabberd in one run: the standalone jar on a fresh embedded
 * PostgreSQL, one conversation with 1 sender and 10 subscribers at 200 msg/s (CPU seconds of the server process and of
 * its PostgreSQL per 1,000 messages, from {@code /proc}; resident memory; p99) and at 1,000 msg/s (p99); then a fresh
 * system with 100 conversations of 1 sender and 1 subscriber, ramped (highest sustained: sent at the rate, everything
 * delivered within 5 s, p99 under 1 s); then {@code replay} of 50,000 events per group.
 */
final class CostBenchmark {

    private static final List<Integer> RAMP = List.of(1500, 2000, 2500, 3000);

    private CostBenchmark() {}

    static void run(String[] args) throws Exception {
        int seconds = 30;
        int warmup = 60;
        for (String arg : args) {
            if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring("--warmup=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        double cpu;
        double postgresCpu;
        double resident;
        ChatLoad.Result at200;
        ChatLoad.Result at1000;
        try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
                ChatLoad load = ChatLoad.open(system.client(), 1, 1, 10)) {
            long pid = system.process().pid();
            Path database = system.directory().resolve("postgres");
            load.send(100, warmup);
            double cpuBefore = ProcessCost.cpuSeconds(pid);
            double postgresBefore = ProcessCost.postgresCpuSeconds(database);
            at200 = load.measure(200, seconds, 30);
            at200.print();
            // The stage sends for 2 s to settle, then for the measured seconds: all of it is counted.
            double messages = 200.0 * (seconds + 2);
            cpu = (ProcessCost.cpuSeconds(pid) - cpuBefore) / messages * 1000;
            postgresCpu = (ProcessCost.postgresCpuSeconds(database) - postgresBefore) / messages * 1000;
            resident = ProcessCost.residentMiB(pid);
            at1000 = load.measure(1000, seconds, 30);
            at1000.print();
        }
        int sustained = 0;
        try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
                ChatLoad load = ChatLoad.open(system.client(), 100, 1, 1)) {
            load.send(100, warmup / 2);
            for (int rate : RAMP) {
                ChatLoad.Result result = load.measure(rate, 10, 5);
                result.print();
                if (result.sentPerSecond() < rate * 0.98
                        || !result.complete()
                        || result.total().percentileMillis(99) >= 1_000) {
                    break;
                }
                sustained = rate;
            }
        }
        Map<String, Double> replay = ReplayBenchmark.measure(50_000, "--logging.level.root=warn");

        System.out.println();
        System.out.println("| same machine, same client | ejabberd | ours | goal |");
        System.out.println("|---|---|---|---|");
        System.out.printf(
                "| CPU seconds per 1,000 messages, server + its PostgreSQL, 200 msg/s, 1 × 10 | 1.57 | %.2f (%.2f + %.2f) |"
                        + " ≤ 2.0 |%n",
                cpu + postgresCpu, cpu, postgresCpu);
        System.out.printf(
                "| send → push p99 at 200 msg/s, 1 × 10 | 3.2 ms | %.1f ms | ≤ 10 ms |%n",
                at200.total().percentileMillis(99));
        System.out.printf(
                "| send → push p99 at 1,000 msg/s, 1 × 10 | 17-442 ms | %.0f ms%s | ≤ 100 ms |%n",
                at1000.total().percentileMillis(99), at1000.complete() ? "" : " (not all delivered)");
        System.out.printf(
                "| highest sustained, 100 conversations × 1 (of %s) | 2,500 msg/s | %,d msg/s | ≥ 2,500 |%n",
                RAMP, sustained);
        System.out.printf("| server resident memory at 200 msg/s | 93 MiB | %.0f MiB | ≤ 250 MiB |%n", resident);
        System.out.printf(
                "| replay, events/s (`replay 50000`) | — | %s | ≥ 20,000 each |%n",
                String.join(
                        ", ",
                        replay.entrySet().stream()
                                .map(group -> String.format("%s %,.0f", group.getKey(), group.getValue()))
                                .toList()));
    }
}

package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cost per message, every row of the comparison with ejabberd in one run: the standalone jar on a fresh embedded
 * PostgreSQL, one conversation with 1 sender and 10 subscribers at 200 msg/s (CPU seconds of the server process and of
 * its PostgreSQL per 1,000 messages, from {@code /proc}; resident memory; p99) and at 1,000 msg/s (p99); then a fresh
 * system with 100 conversations of 1 sender and 1 subscriber, ramped (highest sustained: sent at the rate, everything
 * delivered within 5 s, p99 under 1 s); then {@code replay} of 50,000 events per group. With {@code --jfr=file},
 * the 200 msg/s stage is also recorded with JFR and summarized ({@link JfrSummary}), and the run ends there.
 */
final class CostBenchmark {

    private static final List<Integer> RAMP = List.of(1500, 2000, 2500, 3000);

    private CostBenchmark() {}

    /**
     * What the server's resident memory holds, when it runs with native memory tracking (e.g.
     * {@code JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary}, which the server inherits).
     */
    private static void nativeMemory(long pid) throws Exception {
        try {
            String summary = jcmd(pid, "VM.native_memory", "summary");
            summary.lines()
                    .filter(line -> line.contains("committed=") && line.startsWith("-") || line.startsWith("Total"))
                    .forEach(line -> System.out.println("  " + line.trim()));
            System.out.println("  live heap, largest classes:");
            jcmd(pid, "GC.class_histogram").lines().skip(1).limit(16).forEach(line -> System.out.println("  " + line));
        } catch (IllegalStateException notTracked) {
            // native memory tracking is off
        }
    }

    static String jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0 || output.contains("not enabled")) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    static void run(String[] args) throws Exception {
        int seconds = 30;
        int warmup = 60;
        Path jfr = null;
        for (String arg : args) {
            if (arg.startsWith("--jfr=")) {
                jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
            } else if (arg.startsWith("--seconds=")) {
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
            DatabaseActivity activityBefore = DatabaseActivity.of(database);
            if (jfr != null) {
                jcmd(pid, "JFR.start", "name=cost", "settings=profile");
            }
            double cpuBefore = ProcessCost.cpuSeconds(pid);
            double postgresBefore = ProcessCost.postgresCpuSeconds(database);
            at200 = load.measure(200, seconds, 30);
            double cpuAfter = ProcessCost.cpuSeconds(pid);
            double postgresAfter = ProcessCost.postgresCpuSeconds(database);
            if (jfr != null) {
                jcmd(pid, "JFR.stop", "name=cost", "filename=" + jfr);
            }
            at200.print();
            // The stage sends for 2 s to settle, then for the measured seconds: all of it is counted.
            double messages = 200.0 * (seconds + 2);
            cpu = (cpuAfter - cpuBefore) / messages * 1000;
            postgresCpu = (postgresAfter - postgresBefore) / messages * 1000;
            resident = ProcessCost.residentMiB(pid);
            nativeMemory(pid);
            System.out.println("database work per message at 200 msg/s (transactions; rows written per table):");
            DatabaseActivity.of(database)
                    .perMessage(activityBefore, messages)
                    .forEach((what, count) -> System.out.printf("  %-30s %6.2f%n", what, count));
            if (jfr != null) {
                System.out.printf(
                        "CPU seconds per 1,000 messages at 200 msg/s: %.2f (server %.2f + PostgreSQL %.2f), resident"
                                + " %.0f MiB%n",
                        cpu + postgresCpu, cpu, postgresCpu, resident);
                System.out.printf("profile of the 200 msg/s stage in %s:%n", jfr);
                JfrSummary.run(new String[] {jfr.toString()});
                return;
            }
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

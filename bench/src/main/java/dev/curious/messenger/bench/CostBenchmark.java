package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cost per message, every row of issue 26's comparison with ejabberd in one run, driven as that comparison was: by the
 * Node client {@link NodeLoad} (a process of its own, {@code @stomp/stompjs}), stages of {@code --seconds} after a
 * {@code --warmup} at 100 msg/s. The standalone jar on a fresh embedded PostgreSQL, one conversation with 1 sender
 * and 10 subscribers at 200 msg/s (CPU seconds per 1,000 messages of the server process and of every PostgreSQL
 * process, from {@code /proc}, over the client's sending window; resident memory; rows and transactions per message;
 * p99) and at 1,000 msg/s; then a fresh system with 100 conversations of 1 sender and 1 subscriber, ramped (highest
 * sustained: sent at 98% of the rate, everything delivered within 5 s, p99 within 1 s); then {@code replay} of 50,000
 * events per group. With {@code --jfr=file}, the 200 msg/s stage is also recorded with JFR and summarized
 * ({@link JfrSummary}), and the run ends there.
 */
final class CostBenchmark {

    private static final List<Integer> RAMP = List.of(2000, 2500, 3000, 3500, 4000);

    /** CPU seconds so far of the server process and of its PostgreSQL (every process of it). */
    private record Cpu(double server, double postgres) {

        static Cpu of(long pid, Path database) {
            return new Cpu(ProcessCost.cpuSeconds(pid), ProcessCost.postgresCpuSeconds(database));
        }

        Cpu since(Cpu start) {
            return new Cpu(server - start.server, postgres - start.postgres);
        }
    }

    /** A stage as the client saw it, and what its sending window cost the server and PostgreSQL. */
    private record Measured(NodeLoad.Result result, Cpu cpu) {

        double serverPerThousand() {
            return cpu.server / result.sent() * 1000;
        }

        double postgresPerThousand() {
            return cpu.postgres / result.sent() * 1000;
        }

        double clientPerThousand() {
            return result.clientCpuSeconds() / result.sent() * 1000;
        }

        void print() {
            result.print();
            System.out.printf(
                    "        CPU s per 1,000 messages: server %.2f + PostgreSQL %.2f = %.2f (the Node client: %.2f)%n",
                    serverPerThousand(),
                    postgresPerThousand(),
                    serverPerThousand() + postgresPerThousand(),
                    clientPerThousand());
        }
    }

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

    /** Where the client waits at a stage's start: samples CPU around its sending window. */
    private static Measured window(NodeLoad load, long pid, Path database) throws Exception {
        Cpu start = Cpu.of(pid, database);
        load.run();
        Cpu spent = Cpu.of(pid, database).since(start);
        return new Measured(load.awaitResult(), spent);
    }

    private static List<NodeLoad.Stage> stages(List<Integer> rates, int seconds) {
        return rates.stream().map(rate -> new NodeLoad.Stage(rate, seconds)).toList();
    }

    private static Measured measure(NodeLoad load, long pid, Path database) throws Exception {
        load.awaitStart();
        return window(load, pid, database);
    }

    static void run(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 60;
        boolean deflate = true;
        Path jfr = null;
        for (String arg : args) {
            if (arg.startsWith("--jfr=")) {
                jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring("--warmup=".length()));
            } else if (arg.equals("--no-deflate")) {
                deflate = false;
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        NodeLoad.install();
        NodeLoad.Stage warmupStage = new NodeLoad.Stage(100, warmup);
        Measured at200;
        Measured at1000;
        double resident;
        try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
                NodeLoad load = NodeLoad.start(
                        system.client().port, 1, 10, warmupStage, stages(List.of(200, 1000), seconds), deflate)) {
            long pid = system.process().pid();
            Path database = system.directory().resolve("postgres");
            load.awaitStart();
            DatabaseActivity activityBefore = DatabaseActivity.of(database);
            if (jfr != null) {
                jcmd(pid, "JFR.start", "name=cost", "settings=profile");
            }
            at200 = window(load, pid, database);
            if (jfr != null) {
                jcmd(pid, "JFR.stop", "name=cost", "filename=" + jfr);
            }
            resident = ProcessCost.residentMiB(pid);
            at200.print();
            nativeMemory(pid);
            System.out.println(
                    "database work per message at 200 msg/s (transactions; rows written and scans per table):");
            DatabaseActivity.of(database)
                    .perMessage(activityBefore, at200.result().sent())
                    .forEach((what, count) -> System.out.printf("  %-44s %6.2f%n", what, count));
            if (jfr != null) {
                System.out.printf("resident %.0f MiB; profile of the 200 msg/s stage in %s:%n", resident, jfr);
                JfrSummary.run(new String[] {jfr.toString()});
                return;
            }
            at1000 = measure(load, pid, database);
            at1000.print();
        }
        List<Measured> ramp = new ArrayList<>();
        Measured highest = null;
        try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
                NodeLoad load =
                        NodeLoad.start(system.client().port, 100, 1, warmupStage, stages(RAMP, seconds), deflate)) {
            long pid = system.process().pid();
            Path database = system.directory().resolve("postgres");
            for (int step = 0; step < RAMP.size(); step++) {
                Measured result = measure(load, pid, database);
                result.print();
                ramp.add(result);
                if (!result.result().sustained()) {
                    break;
                }
                highest = result;
            }
        }
        Map<String, Double> replay = ReplayBenchmark.measure(50_000, "--logging.level.root=warn");

        NodeLoad.Result r200 = at200.result();
        NodeLoad.Result r1000 = at1000.result();
        System.out.println();
        System.out.printf(
                "Driven by the Node client (@stomp/stompjs over ws, %s), one sender per conversation, %d s stages"
                        + " after %d s at 100 msg/s; the ejabberd column is issue 26's, same machine and client.%n",
                deflate ? "offering permessage-deflate, as browsers do" : "not offering permessage-deflate",
                seconds,
                warmup);
        System.out.println("| | ejabberd (issue 26) | ours | goal |");
        System.out.println("|---|---|---|---|");
        System.out.printf(
                "| CPU s per 1,000 messages, server + database, 1 × 10 at 200 msg/s | 1.00 (0.78 + 0.23) |"
                        + " %.2f (%.2f + %.2f) | ≤ 1.5 |%n",
                at200.serverPerThousand() + at200.postgresPerThousand(),
                at200.serverPerThousand(),
                at200.postgresPerThousand());
        System.out.printf(
                "| database CPU s per 1,000 messages (same stage) | 0.23 | %.2f | ≤ 0.5 |%n",
                at200.postgresPerThousand());
        System.out.printf("| send → push p99 at 200 msg/s (1 × 10) | 2.5 ms | %.1f ms | ≤ 5 ms |%n", r200.p99());
        System.out.printf(
                "| 1 × 10 at 1,000 msg/s | sustained, p99 3.6 ms, machine 55%% busy | %s: %.0f delivered/s,"
                        + " p99 %s | sustained, p99 ≤ 50 ms |%n",
                r1000.sustained() ? "sustained" : "not sustained", r1000.deliveredPerSecond(), millis(r1000.p99()));
        System.out.printf(
                "| 100 × 1, highest sustained (of %s) | ≥ 3,000 msg/s (p99 8.4 ms) | %s | ≥ 3,500 |%n",
                RAMP, highest(highest, ramp));
        System.out.printf("| resident memory at 200 msg/s | 100 MiB | %.0f MiB | ≤ 200 MiB |%n", resident);
        System.out.printf(
                "| replay events/s per group (`replay 50000`) | — | %s | ≥ 30,000 each |%n",
                String.join(
                        ", ",
                        replay.entrySet().stream()
                                .map(group -> String.format("%s %,.0f", group.getKey(), group.getValue()))
                                .toList()));
        System.out.println();
        System.out.printf(
                "The Node client's own CPU s per 1,000 messages (not in the server's figures): 1 × 10 at 200 msg/s"
                        + " %.2f, at 1,000 msg/s %.2f; 100 × 1 %s%n",
                at200.clientPerThousand(),
                at1000.clientPerThousand(),
                String.join(
                        ", ",
                        ramp.stream()
                                .map(step -> String.format(
                                        "at %,d msg/s %.2f", step.result().rate(), step.clientPerThousand()))
                                .toList()));
    }

    /** The ramp's row: the highest rate sustained with its p99, or what the first step managed. */
    private static String highest(Measured highest, List<Measured> ramp) {
        if (highest == null) {
            NodeLoad.Result first = ramp.get(0).result();
            return String.format(
                    "< %,d (%.0f delivered/s, p99 %s)", first.rate(), first.deliveredPerSecond(), millis(first.p99()));
        }
        NodeLoad.Result best = highest.result();
        return String.format(
                "%,d msg/s (p99 %s)%s",
                best.rate(), millis(best.p99()), best.rate() == RAMP.get(RAMP.size() - 1) ? ", the highest tried" : "");
    }

    private static String millis(double millis) {
        return millis >= 1_000 ? String.format("%.1f s", millis / 1_000) : String.format("%.1f ms", millis);
    }
}

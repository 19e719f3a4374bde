package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distributed deployment's cost beside the standalone jar's at the same load, every figure of the distributed
 * issue in one run: each process's CPU with no traffic at all; CPU per message of every process (Axon Server and
 * PostgreSQL included) at one rate, senders on gateway node 1 and subscribers on node 2 across 100 conversations,
 * with the cross-node send → push latency; then a ramp to the highest sustained rate. The same load on the
 * standalone jar (one JVM and its PostgreSQL) comes first. With {@code --jfr=dir}, each service's JVM is profiled
 * during the measured stage and the profiles summarized ({@link JfrSummary}).
 */
final class DistributedCostBenchmark {

    private static final List<Integer> RAMP = List.of(100, 200, 300, 400, 500, 600);

    private DistributedCostBenchmark() {}

    /** CPU seconds so far of each named process; PostgreSQL by its data directory. */
    private static Map<String, Double> cpu(Map<String, Long> pids, Path database) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ProcessCost.cpuSeconds(pid)));
        seconds.put("PostgreSQL", ProcessCost.postgresCpuSeconds(database));
        return seconds;
    }

    private static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.get(name)));
        return used;
    }

    private static double total(Map<String, Double> used) {
        return used.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static void run(String[] args) throws Exception {
        String axonServer = null;
        Long axonServerPid = null;
        int rate = 100;
        int seconds = 20;
        // Six JVMs warming up on two cores: after 60 s the first stage still paid for compilation (2.2× the
        // standalone's CPU and a 74 ms p99, against 1.6× and 22 ms after 120 s; docs/benchmarks.md).
        int warmup = 120;
        int idleSeconds = 30;
        Path jfr = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            switch (arg.substring(0, arg.indexOf('=') + 1)) {
                case "--axon-server=" -> axonServer = value;
                case "--axon-server-pid=" -> axonServerPid = Long.valueOf(value);
                case "--rate=" -> rate = Integer.parseInt(value);
                case "--seconds=" -> seconds = Integer.parseInt(value);
                case "--warmup=" -> warmup = Integer.parseInt(value);
                case "--idle-seconds=" -> idleSeconds = Integer.parseInt(value);
                case "--jfr=" -> jfr = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (axonServer == null) {
            throw new IllegalArgumentException(
                    "--axon-server=host:8124 is required (and --axon-server-pid= for its CPU)");
        }
        // The stage sends for 2 s to settle, then for the measured seconds: all of it is counted.
        double messages = (double) rate * (seconds + 2);

        double standalonePerMessage;
        ChatLoad.Result standalone;
        try (Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
                ChatLoad load = ChatLoad.open(system.client(), 100, 1, 1)) {
            Map<String, Long> pids = Map.of("standalone", system.process().pid());
            Path database = system.directory().resolve("postgres");
            load.send(rate, warmup);
            Map<String, Double> before = cpu(pids, database);
            standalone = load.measure(rate, seconds, 30);
            standalonePerMessage = total(since(before, cpu(pids, database))) / messages * 1000;
            System.out.print("standalone: ");
            standalone.print();
        }

        try (Deployment deployment = Deployment.start(axonServer)) {
            Map<String, Long> pids = new LinkedHashMap<>();
            deployment.processes().forEach((name, process) -> pids.put(name, process.pid()));
            if (axonServerPid != null) {
                pids.put("Axon Server", axonServerPid);
            }
            // Idle: started, nobody connected, nothing sent.
            Thread.sleep(10_000);
            Map<String, Double> before = cpu(pids, deployment.databaseDirectory());
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Double> idle = since(before, cpu(pids, deployment.databaseDirectory()));

            Map<String, Double> loaded;
            ChatLoad.Result distributed;
            int sustained = 0;
            List<ChatLoad.Result> ramp = new ArrayList<>();
            try (ChatLoad load = ChatLoad.open(deployment.gateway(0), deployment.gateway(1), 100, 1, 1)) {
                load.send(rate, warmup);
                if (jfr != null) {
                    for (Map.Entry<String, Process> service :
                            deployment.processes().entrySet()) {
                        CostBenchmark.jcmd(service.getValue().pid(), "JFR.start", "name=cost", "settings=profile");
                    }
                }
                before = cpu(pids, deployment.databaseDirectory());
                distributed = load.measure(rate, seconds, 30);
                loaded = since(before, cpu(pids, deployment.databaseDirectory()));
                if (jfr != null) {
                    for (Map.Entry<String, Process> service :
                            deployment.processes().entrySet()) {
                        Path file = jfr.resolve(service.getKey().replace(' ', '-') + ".jfr");
                        CostBenchmark.jcmd(service.getValue().pid(), "JFR.stop", "name=cost", "filename=" + file);
                        System.out.printf("profile of %s at %d msg/s (%s):%n", service.getKey(), rate, file);
                        JfrSummary.run(new String[] {file.toString()});
                    }
                }
                System.out.print("distributed: ");
                distributed.print();
                for (int step : RAMP) {
                    ChatLoad.Result result = load.measure(step, 10, 5);
                    result.print();
                    ramp.add(result);
                    if (result.sentPerSecond() < step * 0.98
                            || !result.complete()
                            || result.total().percentileMillis(99) >= 1_000) {
                        break;
                    }
                    sustained = step;
                }
            }

            System.out.println();
            System.out.printf("| process | idle, %% of one core | CPU ms per message at %d msg/s |%n", rate);
            System.out.println("|---|---|---|");
            for (String name : loaded.keySet()) {
                System.out.printf(
                        "| %s | %.1f %% | %.2f |%n",
                        name, idle.get(name) / idleSeconds * 100, loaded.get(name) / messages * 1000);
            }
            double perMessage = total(loaded) / messages * 1000;
            System.out.printf("| all processes | %.1f %% | %.2f |%n", total(idle) / idleSeconds * 100, perMessage);
            System.out.println();
            System.out.println(
                    "| 100 conversations × 1, senders on node 1, subscribers on node 2 | standalone | distributed"
                            + " | goal |");
            System.out.println("|---|---|---|---|");
            System.out.printf(
                    "| CPU ms per message, every process, %d msg/s | %.2f | %.2f (%.1f×) | ≤ 2× |%n",
                    rate, standalonePerMessage, perMessage, perMessage / standalonePerMessage);
            System.out.printf(
                    "| send → push p99 at %d msg/s | %.1f ms | %.1f ms | ≤ 50 ms |%n",
                    rate,
                    standalone.total().percentileMillis(99),
                    distributed.total().percentileMillis(99));
            System.out.printf("| highest sustained (of %s) | | %d msg/s | ≥ 300 |%n", RAMP, sustained);
            System.out.printf(
                    "| idle, most of one core any process takes | | %.1f %% | ≤ 3 %% |%n",
                    idle.values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .max()
                                    .orElse(0)
                            / idleSeconds
                            * 100);
        }
    }
}

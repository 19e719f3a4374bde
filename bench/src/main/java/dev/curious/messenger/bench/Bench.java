package dev.curious.messenger.bench;

import java.util.Arrays;

/** Entry point: {@code java -jar bench/target/messenger-bench.jar <benchmark> [options]}. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (name) {
            case "aggregate-load" -> AggregateLoadBenchmark.run(rest);
            case "replay" -> ReplayBenchmark.run(rest);
            case "push-latency" -> PushLatencyBenchmark.latency(rest);
            case "throughput" -> PushLatencyBenchmark.throughput(rest);
            case "idle-sessions" -> IdleSessionsBenchmark.run(rest);
            case "kafka-lag" -> KafkaLagBenchmark.run(rest);
            case "insert-limit" -> InsertLimitBenchmark.run(rest);
            case "kill-restart" -> KillRestartTest.run(rest);
            case "postgres-restart" -> KillRestartTest.runPostgresRestart(rest);
            default -> System.out.println("""
                    usage: java -jar bench/target/messenger-bench.jar <benchmark>
                      aggregate-load   cold and warm load time of a conversation at 10 and 10,000 events
                      replay [events]  read-model replay throughput over a generated history (default 100,000)
                      push-latency [--rates=50,200,1000] [--seconds=10] [--warmup=60] [--conversations=1]
                                   [--senders=1] [--subscribers=10] [--idle=0]
                                       send -> push latency over STOMP against the standalone jar
                      throughput [--rates=100,200,...] [same options]
                                       ramps the rate until messages are no longer all delivered in time
                      idle-sessions [count] [hold-seconds]
                                       opens idle STOMP sessions and measures the server heap each one costs
                      kafka-lag [rate] [seconds] [warm-up seconds]
                                       event time stamp -> record read from Kafka, under chat load
                      insert-limit [seconds]
                                       single-row INSERT commits/s on the same embedded PostgreSQL
                      kill-restart [rounds] [jvm|host]
                                       SIGKILL the system (jvm: the JVM alone; host: the JVM and its PostgreSQL)
                                       under load and restart it; checks nothing acknowledged is lost
                      postgres-restart [rounds]
                                       stop and start PostgreSQL under load; the system recovers by itself
                    """);
        }
        // Axon's cache janitor is not a daemon thread; the figures are printed, so end here.
        System.exit(0);
    }
}

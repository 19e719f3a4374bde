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
            case "cost" -> CostBenchmark.run(rest);
            case "distributed" -> DistributedCostBenchmark.run(rest);
            case "search" -> SearchBenchmark.run(rest);
            case "erasure" -> ErasureBenchmark.run(rest);
            case "jfr-summary" -> JfrSummary.run(rest);
            case "postgres-restart" -> KillRestartTest.runPostgresRestart(rest);
            default -> System.out.println("""
                    usage: java -jar bench/target/messenger-bench.jar <benchmark>
                      aggregate-load   cold and warm load time of a conversation at 10 and 10,000 events
                      replay [events]  read-model replay throughput over a generated history (default 100,000)
                      push-latency [--rates=50,200,1000] [--seconds=10] [--warmup=60] [--conversations=1]
                                   [--senders=1] [--subscribers=10] [--idle=0,...] [--axon-server=host:8124]
                                       send -> push latency over STOMP against the standalone jar; with
                                       --axon-server, against the services as separate JVMs on that Axon Server,
                                       sending on gateway node 1 and subscribed on node 2
                      throughput [--rates=100,200,...] [same options]
                                       ramps the rate until messages are no longer all delivered in time;
                                       again for each count of --idle watched conversations, in one run
                      idle-sessions [count] [hold-seconds]
                                       opens idle STOMP sessions and measures the server heap each one costs;
                                       the server's JVM options after jvm.options: MESSENGER_BENCH_SERVER_JVM
                                       (default -Xmx1g)
                      kafka-lag [rate] [seconds] [warm-up seconds]
                                       event time stamp -> record read from Kafka, under chat load
                      insert-limit [seconds]
                                       single-row INSERT commits/s on the same embedded PostgreSQL
                      cost [--seconds=10] [--warmup=60] [--no-deflate] [--jfr=file.jfr]
                                       every row of issue 26's comparison with ejabberd, driven by the Node
                                       client in bench/stomp-client (npm ci on first use): CPU s per 1,000
                                       messages of the server and of every PostgreSQL process, p99 at 200 and
                                       1,000 msg/s (1 x 10), highest sustained with 100 conversations of 1 x 1
                                       (2,000 to 4,000 msg/s), resident memory, replay per group; with
                                       --no-deflate the client does not offer permessage-deflate; with --jfr,
                                       profiles the 200 msg/s stage and stops there
                      distributed --axon-server=host:8124 [--axon-server-pid=N] [--rate=100] [--seconds=20]
                                  [--warmup=120] [--idle-seconds=30] [--jfr=dir]
                                       the services as separate JVMs on that Axon Server beside the standalone jar
                                       at the same load: each process's CPU idle and per message, cross-node
                                       send -> push p99, highest sustained rate
                      search [--messages=1000000] [--conversations=1000] [--member-of=50] [--queries=200]
                                       full-text search latency for a member of some of the conversations, by
                                       how frequent the words are, with the query plans
                      erasure [--messages=100000]
                                       erasing a user with that many messages: the command, the read model
                      jfr-summary file.jfr
                                       CPU samples of a recording per thread pool and per library
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

package dev.curious.messenger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Idle STOMP sessions: opens N sessions against the standalone jar (CONNECT with a token, SUBSCRIBE to the user's
 * notifications and errors, as the browser client does), holds them idle, and reads the server's live heap after a
 * full collection (jcmd GC.run, GC.heap_info) and its class histogram before and after: the difference per session is
 * what a session costs, and the histogram says which classes hold it. The server runs on the java that runs this
 * benchmark, with {@code MESSENGER_BENCH_SERVER_JVM} (default {@value #SERVER_JVM_DEFAULT}) after its jvm.options.
 */
final class IdleSessionsBenchmark {

    /** The heap the issue holds 50,000 idle sessions in; jvm.options' own maximum is for a gateway under load. */
    private static final String SERVER_JVM_DEFAULT = "-Xmx1g";

    // JDK 17 prints "total 1048576K, used ...", JDK 25 "total reserved 1048576K, committed ..., used ...".
    private static final Pattern USED = Pattern.compile("garbage-first heap\\s+total [^\\n]*?used (\\d+)K");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
    private static final int CLASSES_SHOWN = 20;
    /** Descriptors either process keeps beside its sessions' sockets while they are opened (jcmd, logs, pools). */
    private static final int SPARE_DESCRIPTORS = 150;

    private IdleSessionsBenchmark() {}

    static void run(String[] args) throws Exception {
        int requested = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String serverJvm = System.getenv().getOrDefault("MESSENGER_BENCH_SERVER_JVM", SERVER_JVM_DEFAULT);
        // _JAVA_OPTIONS is the one variable the JVM reads after its command line, so it overrides jvm.options' -Xmx.
        Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of("_JAVA_OPTIONS", serverJvm));
        Loopback client = system.client();
        int port = client.port;
        long pid = system.process().pid();
        System.out.println("server: " + System.getProperty("java.home") + "/bin/java " + serverJvm);
        List<RawStomp> sessions = Collections.synchronizedList(new ArrayList<>());
        try {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tokens.add(client.register("idle" + i));
            }
            // One session first, so that everything a session touches is loaded before the baseline.
            open(port, tokens.get(0), sessions);
            Thread.sleep(5_000);
            int count = sessionsWithin(requested, pid);
            long before = liveHeapKib(pid);
            Map<String, long[]> histogramBefore = histogram(pid);
            long started = System.nanoTime();
            ExecutorService openers = Executors.newFixedThreadPool(16);
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                String token = tokens.get(i % tokens.size());
                opened.add(openers.submit(() -> {
                    open(port, token, sessions);
                    return null;
                }));
            }
            int failed = 0;
            for (Future<?> future : opened) {
                try {
                    future.get();
                } catch (Exception e) {
                    failed++;
                }
            }
            openers.shutdown();
            double openSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "opened %d sessions in %.1f s (%.0f/s), %d failed%n",
                    sessions.size(), openSeconds, sessions.size() / openSeconds, failed);
            Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
            long held = sessions.stream().filter(session -> !session.isClosed()).count();
            long after = liveHeapKib(pid);
            int added = sessions.size() - 1;
            System.out.printf("after %d s idle: %d of %d sessions still open%n", holdSeconds, held, sessions.size());
            System.out.printf(
                    "live heap: %,d KiB before, %,d KiB with the sessions: %.1f KiB per session%n",
                    before, after, (after - before) / (double) added);
            printPerSession(histogramBefore, histogram(pid), added);
            System.out.println("server process: " + status(pid));
            sessions.forEach(RawStomp::close);
        } finally {
            system.close();
        }
    }

    /**
     * As many of the {@code requested} sessions as both processes can hold: each session is a socket in this one and
     * in the server, besides what each has open already.
     */
    private static int sessionsWithin(int requested, long serverPid) throws IOException {
        long room = Math.min(
                openFileLimit("self") - openFiles("self"),
                openFileLimit(Long.toString(serverPid)) - openFiles(Long.toString(serverPid)));
        int count = (int) Math.min(requested, room - SPARE_DESCRIPTORS);
        if (count < requested) {
            System.out.printf(
                    "this process and the server may open %d more files (ulimit -n): %d sessions, not %d%n",
                    room, count, requested);
        }
        return count;
    }

    private static void open(int port, String token, List<RawStomp> sessions) throws Exception {
        RawStomp session = RawStomp.connect(port, token, frame -> {});
        session.subscribe("n", "/user/queue/notifications");
        session.subscribe("e", "/user/queue/errors");
        sessions.add(session);
    }

    /** The heap in use after a full collection, from {@code jcmd}. */
    private static long liveHeapKib(long pid) throws Exception {
        CostBenchmark.jcmd(pid, "GC.run");
        Matcher matcher = USED.matcher(CostBenchmark.jcmd(pid, "GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("no G1 heap figures from jcmd");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Instances and bytes by class of the live heap (the histogram collects first). */
    private static Map<String, long[]> histogram(long pid) throws Exception {
        Map<String, long[]> classes = new HashMap<>();
        CostBenchmark.jcmd(pid, "GC.class_histogram").lines().forEach(line -> {
            Matcher matcher = HISTOGRAM_LINE.matcher(line);
            if (matcher.matches()) {
                classes.put(
                        matcher.group(3),
                        new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))});
            }
        });
        return classes;
    }

    /** The classes that grew most with the sessions: instances and bytes each session added. */
    private static void printPerSession(Map<String, long[]> before, Map<String, long[]> after, int sessions) {
        long[] none = {0, 0};
        System.out.println("per session, by class (live heap after the sessions minus before):");
        after.entrySet().stream()
                .map(entry -> {
                    long[] then = before.getOrDefault(entry.getKey(), none);
                    return Map.entry(
                            entry.getKey(), new long[] {entry.getValue()[0] - then[0], entry.getValue()[1] - then[1]});
                })
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(CLASSES_SHOWN)
                .forEach(entry -> System.out.printf(
                        "  %8.0f B %6.2f instances  %s%n",
                        entry.getValue()[1] / (double) sessions,
                        entry.getValue()[0] / (double) sessions,
                        entry.getKey()));
    }

    private static long openFileLimit(String process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", process, "limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
            }
        }
        return 1024;
    }

    private static long openFiles(String process) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", process, "fd"))) {
            return descriptors.count();
        }
    }

    private static String status(long pid) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("Threads")) {
                out.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return out.toString();
    }
}

package dev.curious.messenger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Idle STOMP sessions: opens N sessions against the standalone jar (CONNECT with a token, SUBSCRIBE to the user's
 * notifications and errors, as the browser client does), holds them idle, and reads the server's live heap after a
 * full collection (jcmd GC.run, GC.heap_info) before and after: the difference per session is what a session costs.
 */
final class IdleSessionsBenchmark {

    private static final Pattern USED = Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");

    private IdleSessionsBenchmark() {}

    static void run(String[] args) throws Exception {
        int requested = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int holdSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        long openFiles = openFileLimit();
        // The server needs a descriptor per session plus its own (jars, PostgreSQL connections, logs).
        int count = (int) Math.min(requested, openFiles - 400);
        if (count < requested) {
            System.out.printf(
                    "this process may open %d files (ulimit -n) and the server gets the same limit: %d sessions, not"
                            + " %d%n",
                    openFiles, count, requested);
        }
        Loopback.Fresh system = Loopback.startFresh(Loopback.STANDALONE_JAR, Map.of());
        Loopback client = system.client();
        int port = client.port;
        List<RawStomp> sessions = Collections.synchronizedList(new ArrayList<>());
        try {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tokens.add(client.register("idle" + i));
            }
            // One session first, so that everything a session touches is loaded before the baseline.
            open(port, tokens.get(0), sessions);
            Thread.sleep(5_000);
            long before = liveHeapKib(system.process().pid());
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
            long after = liveHeapKib(system.process().pid());
            System.out.printf("after %d s idle: %d of %d sessions still open%n", holdSeconds, held, sessions.size());
            System.out.printf(
                    "live heap: %,d KiB before, %,d KiB with the sessions: %.1f KiB per session%n",
                    before, after, (after - before) / (double) (sessions.size() - 1));
            System.out.println("server process: " + status(system.process().pid()));
            sessions.forEach(RawStomp::close);
        } finally {
            system.close();
        }
    }

    private static void open(int port, String token, List<RawStomp> sessions) throws Exception {
        RawStomp session = RawStomp.connect(port, token, frame -> {});
        session.subscribe("n", "/user/queue/notifications");
        session.subscribe("e", "/user/queue/errors");
        sessions.add(session);
    }

    /** The heap in use after a full collection, from {@code jcmd}. */
    private static long liveHeapKib(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher matcher = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("no G1 heap figures from jcmd");
        }
        return Long.parseLong(matcher.group(2));
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    private static long openFileLimit() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
            }
        }
        return 1024;
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

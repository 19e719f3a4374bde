package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node load client ({@code bench/stomp-client/load.mjs}, {@code @stomp/stompjs} over {@code ws}) as a process of
 * its own, so that the JVM under test pays only for its side of the wire, as with users' clients. It pauses where each
 * measured stage's sending window opens and closes, for the harness to sample CPU at the same two points.
 */
final class NodeLoad implements AutoCloseable {

    /** A rate held for some seconds. */
    record Stage(int rate, int seconds) {}

    /** What the client is asked to do, as its JSON config: one sender in each conversation, 5 s for late frames. */
    private record Plan(
            String baseUrl,
            int conversations,
            int senders,
            int subscribers,
            Stage warmup,
            List<Stage> stages,
            int drainSeconds,
            boolean deflate) {}

    /**
     * One measured stage as the client saw it: latencies in milliseconds from SEND to each subscriber's
     * {@code MessageSent} frame, messages delivered per second, and the client's own CPU seconds in the window.
     */
    record Result(
            int rate,
            long sent,
            double sentPerSecond,
            long expected,
            long delivered,
            double deliveredPerSecond,
            long errors,
            long unexpectedCloses,
            double p50,
            double p95,
            double p99,
            double max,
            double clientCpuSeconds) {

        boolean complete() {
            return delivered >= expected;
        }

        /** Sent at 98% of the rate or more, every frame delivered within the drain, p99 within a second. */
        boolean sustained() {
            return sentPerSecond >= rate * 0.98 && complete() && p99 <= 1_000;
        }

        void print() {
            System.out.printf(
                    "%5d msg/s (sent %.0f/s): p50 %7.3f ms  p95 %7.3f ms  p99 %7.3f ms  max %8.3f ms  delivered %d/%d"
                            + " (%.0f messages/s)%s%s%n",
                    rate,
                    sentPerSecond,
                    p50,
                    p95,
                    p99,
                    max,
                    delivered,
                    expected,
                    deliveredPerSecond,
                    errors == 0 ? "" : ", " + errors + " errors",
                    unexpectedCloses == 0 ? "" : ", " + unexpectedCloses + " sessions lost");
        }
    }

    /** The client's folder, from the project root (where the benchmarks are run, as {@link Loopback} expects). */
    private static final Path CLIENT = Path.of("bench", "stomp-client");

    // The client's lines carry more than a Result holds (the stage's kind, its window in seconds).
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Process process;
    private final BufferedReader output;
    private final Writer input;

    private NodeLoad(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = process.outputWriter(StandardCharsets.UTF_8);
    }

    /** Installs the client's locked dependencies ({@code npm ci}) unless they are there. */
    static void install() throws IOException, InterruptedException {
        if (!Files.isRegularFile(CLIENT.resolve("load.mjs"))) {
            throw new IllegalStateException(
                    "No " + CLIENT.resolve("load.mjs") + ": run the benchmarks from the project root");
        }
        if (Files.isDirectory(CLIENT.resolve("node_modules"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(CLIENT.toFile())
                .inheritIO()
                .start();
        if (npm.waitFor() != 0) {
            throw new IllegalStateException("npm ci in " + CLIENT + " failed with " + npm.exitValue());
        }
    }

    /**
     * Starts the client on the system at {@code port}, with {@code conversations} of one sender and {@code subscribers}
     * each ({@code deflate}: offering permessage-deflate, as browsers do), and waits until its people, conversations and
     * subscriptions are in place; the warm-up runs next, by itself.
     */
    static NodeLoad start(
            int port, int conversations, int subscribers, Stage warmup, List<Stage> stages, boolean deflate)
            throws IOException {
        Plan plan = new Plan("http://localhost:" + port, conversations, 1, subscribers, warmup, stages, 5, deflate);
        Process process = new ProcessBuilder("node", "load.mjs", JSON.writeValueAsString(plan))
                .directory(CLIENT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        NodeLoad load = new NodeLoad(process);
        JsonNode ready = load.next("ready");
        System.out.printf(
                "load client ready: %d conversations, %d STOMP sessions%n",
                ready.get("conversations").asInt(), ready.get("sessions").asInt());
        return load;
    }

    /** Waits until the client is about to open the next stage's window (after the warm-up, before the first); its rate. */
    int awaitStart() throws IOException {
        return next("start").get("rate").asInt();
    }

    /** Lets the client send for the stage and waits until its window has closed. */
    void run() throws IOException {
        go();
        next("end");
    }

    /** Lets the client wait for the stage's last frames and answers what it measured. */
    Result awaitResult() throws IOException {
        go();
        return JSON.treeToValue(next("result"), Result.class);
    }

    private void go() throws IOException {
        input.write("go\n");
        input.flush();
    }

    /** The next line of the client's of kind {@code stage}, printing the warm-up's on the way. */
    private JsonNode next(String stage) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            JsonNode node = JSON.readTree(line);
            String kind = node.path("stage").asText();
            if (kind.equals(stage)) {
                return node;
            }
            if (kind.equals("warmup")) {
                System.out.print("warm-up ");
                JSON.treeToValue(node, Result.class).print();
            }
        }
        throw new IllegalStateException("The load client ended before its " + stage + " line; its errors are above");
    }

    /** Ends the client where it waits (the end of its input is its signal to disconnect and exit). */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException alreadyGone) {
            // the client has exited
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.curious.messenger.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process's CPU went, from a JFR recording's execution samples: the share of samples per thread pool (thread
 * names without their numbers) and per library the sampled method belongs to ("self" time). Multiplied by the
 * process's CPU seconds per message, a share is milliseconds per message.
 */
final class JfrSummary {

    /** Package prefixes, most specific first, and the name each is reported under. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("dev.curious.messenger", "messenger code"),
            Map.entry("org.postgresql", "PostgreSQL driver"),
            Map.entry("com.zaxxer.hikari", "Hikari pool"),
            Map.entry("org.hibernate", "Hibernate"),
            Map.entry("com.fasterxml.jackson", "Jackson"),
            Map.entry("org.axonframework", "Axon"),
            Map.entry("org.springframework.messaging", "Spring messaging (STOMP)"),
            Map.entry("org.springframework.web.socket", "Spring WebSocket"),
            Map.entry("org.springframework.security", "Spring Security"),
            Map.entry("org.springframework", "Spring (other)"),
            Map.entry("org.apache.tomcat", "Tomcat"),
            Map.entry("org.apache.coyote", "Tomcat"),
            Map.entry("org.apache.catalina", "Tomcat"),
            Map.entry("io.micrometer", "Micrometer"),
            Map.entry("ch.qos.logback", "logging"),
            Map.entry("org.slf4j", "logging"),
            Map.entry("java.util.concurrent", "JDK concurrency"),
            Map.entry("java.util.regex", "JDK regex"),
            Map.entry("java.lang.invoke", "JDK reflection"),
            Map.entry("java.lang.reflect", "JDK reflection"),
            Map.entry("jdk.internal.reflect", "JDK reflection"),
            Map.entry("sun.nio", "JDK I/O"),
            Map.entry("java.nio", "JDK I/O"),
            Map.entry("sun.security", "JDK crypto"),
            Map.entry("java.util", "JDK collections"),
            Map.entry("java.lang", "JDK lang"),
            Map.entry("java.", "JDK (other)"),
            Map.entry("sun.", "JDK (other)"),
            Map.entry("jdk.", "JDK (other)"));

    private JfrSummary() {}

    static void run(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: jfr-summary <recording.jfr>");
        }
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread").getJavaName();
            byThread.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+", "-N"), 1, Integer::sum);
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            String type =
                    frames.isEmpty() ? "" : frames.get(0).getMethod().getType().getName();
            byLibrary.merge(library(type), 1, Integer::sum);
        }
        System.out.printf("%,d execution samples%n", samples);
        print("thread pool", byThread, samples);
        print("library of the sampled method (self time)", byLibrary, samples);
    }

    private static String library(String type) {
        for (Map.Entry<String, String> library : LIBRARIES) {
            if (type.startsWith(library.getKey())) {
                return library.getValue();
            }
        }
        return type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : "(native or unknown)";
    }

    private static void print(String title, Map<String, Integer> counts, int samples) {
        System.out.printf("%n| %s | share |%n|---|---|%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(20)
                .forEach(entry ->
                        System.out.printf("| %s | %.1f%% |%n", entry.getKey(), 100.0 * entry.getValue() / samples));
    }
}

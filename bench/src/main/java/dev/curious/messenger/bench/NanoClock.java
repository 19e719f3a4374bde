package dev.curious.messenger.bench;

import java.time.Instant;

/**
 * Wall-clock time stamps (the events' own, written by the system) on the {@link System#nanoTime()} scale the
 * benchmarks time everything else with; both processes read the same machine clock.
 */
final class NanoClock {

    private static final long OFFSET = epochNanos(Instant.now()) - System.nanoTime();

    private NanoClock() {}

    /** The {@code System.nanoTime()} value at an ISO-8601 instant. */
    static long at(String instant) {
        return epochNanos(Instant.parse(instant)) - OFFSET;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

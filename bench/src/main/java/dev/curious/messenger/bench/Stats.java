package dev.curious.messenger.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of a sample of durations in nanoseconds, printed in milliseconds. */
record Stats(long[] nanos) {

    static Stats of(Collection<Long> nanos) {
        return new Stats(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    double percentileMillis(double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
    }

    String summary() {
        if (nanos.length == 0) {
            return "no samples";
        }
        return String.format(
                "p50 %7.3f ms  p95 %7.3f ms  p99 %7.3f ms  (n=%d)",
                percentileMillis(50), percentileMillis(95), percentileMillis(99), nanos.length);
    }
}

package dev.curious.messenger.gateway;

import dev.curious.messenger.gateway.GatewayProperties.Rate;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets per key (a user, an address), kept in memory by each gateway; Bucket4j does the counting. */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final Rate rate;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Rate rate) {
        this.rate = rate;
    }

    /** A bucket of the rate: {@code burst} tokens at first and at most, refilled continuously. */
    public static Bucket bucket(Rate rate) {
        // One token every 1/perSecond s, refilled greedily: the rate exactly, also when perSecond is a fraction.
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / rate.perSecond())));
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(rate.burst())
                        .refillGreedy(1, perToken)
                        .build())
                .build();
    }

    /** Takes a token from the key's bucket; false when it is empty. */
    public boolean tryAcquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            // Buckets refill to full within seconds, so dropping them all forgives at most one burst per key.
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> bucket(rate)).tryConsume(1);
    }
}

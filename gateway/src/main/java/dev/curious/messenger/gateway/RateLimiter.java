package dev.curious.messenger.gateway;

import dev.curious.messenger.gateway.GatewayProperties.Rate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/** Token buckets per key (a user, a session, an address), kept in memory by each gateway. */
public final class RateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final double perNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Rate rate) {
        this(rate, System::nanoTime);
    }

    RateLimiter(Rate rate, LongSupplier nanoTime) {
        this.perNano = rate.perSecond() / 1e9;
        this.burst = rate.burst();
        this.nanoTime = nanoTime;
    }

    /** Takes a token from the key's bucket; false when it is empty. */
    public boolean tryAcquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            // Buckets refill to full within seconds, so dropping them all forgives at most one burst per key.
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()))
                .take(nanoTime.getAsLong());
    }

    /** Forgets a key whose owner is gone (a closed session). */
    public void forget(String key) {
        buckets.remove(key);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}

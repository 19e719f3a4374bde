package dev.curious.messenger.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * A service that calls depend on, as the log tells of it: one ERROR when calls to it start failing, one INFO when
 * one succeeds again, with how many failed meanwhile; nothing per call, so that an outage under load is two lines,
 * not a stack trace per request.
 */
public final class Outage {

    private final Logger log;
    private final String service;
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();

    /** {@code service} names what cannot be reached, as a sentence's subject: "Axon Server or the command side". */
    public Outage(Logger log, String service) {
        this.log = log;
        this.service = service;
    }

    /** A call failed because the service could not be reached; the first of an outage is logged. */
    public void failed(Throwable cause) {
        failed.incrementAndGet();
        if (since.compareAndSet(null, Instant.now())) {
            log.error(
                    "{} cannot be reached ({}); calls that need it are refused until it answers again",
                    service,
                    summary(cause));
        }
    }

    /** A call reached the service; the end of an outage is logged with the count of calls it refused. */
    public void answered() {
        Instant began = since.get();
        if (began != null && since.compareAndSet(began, null)) {
            log.info(
                    "{} answers again after {} ms; {} calls were refused meanwhile",
                    service,
                    Duration.between(began, Instant.now()).toMillis(),
                    failed.getAndSet(0));
        }
    }

    /** The failure and its root cause, one line each at most. */
    static String summary(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return root == cause
                ? outer
                : outer + "; caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

package dev.curious.messenger.platform.axon;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store as the source of the pooled streaming processors, in two kinds. A {@link #prompt()} source wakes
 * its processor as soon as an event arrives: Axon's embedded store cannot tell a stream's reader that events arrived
 * (its streams only block, which a pooled processor's coordinator never does), so without this the coordinator looks
 * every 500 ms. Here one watcher thread follows the head of the store's shared cache, which the store fills right after
 * an append in this JVM commits and, for events appended by other processes, when its producer reads them (at once
 * when {@link #arrived()} is called, e.g. on a PostgreSQL notification). On Axon Server the stream itself signals
 * arrivals and is used as it is. A {@link #polled()} source never wakes its processor: it looks every 500 ms and takes
 * what arrived meanwhile in one batch, one transaction and one token update, for readers nobody waits on (the audit
 * log, the Kafka export).
 */
public final class EventArrivals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Runnable fetchNow;
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;
    private volatile boolean closed;

    /**
     * @param events the event store
     * @param fetchNow makes the store read what other processes appended now rather than at its next poll
     */
    public EventArrivals(StreamableMessageSource<TrackedEventMessage<?>> events, Runnable fetchNow) {
        this.events = events;
        this.fetchNow = fetchNow;
    }

    /** Wakes its processor when events arrive. */
    public StreamableMessageSource<TrackedEventMessage<?>> prompt() {
        return new Source(true);
    }

    /** Lets its processor look on its own, every 500 ms, and take what arrived meanwhile as one batch. */
    public StreamableMessageSource<TrackedEventMessage<?>> polled() {
        return new Source(false);
    }

    /** Another process appended events: the store reads them now, and the watcher wakes the processors. */
    public void arrived() {
        fetchNow.run();
    }

    @Override
    public void close() {
        closed = true;
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
    }

    private void wake() {
        waiting.forEach(Runnable::run);
    }

    /**
     * Starts the watcher once. Its stream is opened here, on the thread of the reader that first asked to be woken and
     * before that reader looks for events, so that nothing appended after that look goes unannounced.
     */
    private synchronized void watch() {
        if (watcher == null && !closed) {
            BlockingStream<TrackedEventMessage<?>> head = openAtHead();
            Thread thread = new Thread(() -> follow(head), "event-arrivals");
            thread.setDaemon(true);
            thread.start();
            watcher = thread;
        }
    }

    private BlockingStream<TrackedEventMessage<?>> openAtHead() {
        try {
            return events.openStream(events.createHeadToken());
        } catch (RuntimeException storeAway) {
            log.debug("Watching for new events could not start, again in 1 s: {}", storeAway.toString());
            return null;
        }
    }

    /**
     * No reader waits any more (their processors stopped): the watcher ends and closes its stream, so that the store
     * does not read ahead for nobody; the next reader starts another.
     */
    private synchronized boolean nobodyWaits() {
        if (waiting.isEmpty()) {
            watcher = null;
            return true;
        }
        return false;
    }

    /** Reads the head of the store as it grows and wakes every waiting processor after each arrival. */
    private void follow(BlockingStream<TrackedEventMessage<?>> opened) {
        BlockingStream<TrackedEventMessage<?>> head = opened;
        try {
            while (!closed && !nobodyWaits()) {
                if (head == null) {
                    Thread.sleep(1_000);
                    head = openAtHead();
                    // What arrived while no stream was open may have readers waiting for it.
                    wake();
                    continue;
                }
                try {
                    if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        wake();
                    }
                } catch (RuntimeException storeAway) {
                    // The store could not be read (an outage): the processors see it themselves; look again shortly.
                    log.debug("Watching for new events failed, again in 1 s: {}", storeAway.toString());
                    head.close();
                    head = null;
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            if (head != null) {
                head.close();
            }
        }
    }

    private final class Source implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final boolean prompt;

        private Source(boolean prompt) {
            this.prompt = prompt;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new Stream(events.openStream(trackingToken), prompt);
        }

        @Override
        public TrackingToken createTailToken() {
            return events.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return events.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return events.createTokenAt(dateTime);
        }
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final boolean prompt;
        private Runnable callback;

        private Stream(BlockingStream<TrackedEventMessage<?>> stream, boolean prompt) {
            this.stream = stream;
            this.prompt = prompt;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (!prompt) {
                return false;
            }
            if (stream.setOnAvailableCallback(callback)) {
                return true;
            }
            if (this.callback != null) {
                waiting.remove(this.callback);
            }
            this.callback = callback;
            waiting.add(callback);
            watch();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            if (callback != null) {
                waiting.remove(callback);
            }
            stream.close();
        }
    }
}

package dev.curious.messenger.platform.axon;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads the store's events after a position, up to its head as it was when the read began, and hands them on in
 * the order of their own positions: the order in which a resume from any position seen misses nothing and repeats
 * nothing. Read through Axon's streaming API (the PostgreSQL store or Axon Server alike), so that a read of any
 * length holds only a fetch batch and the events that wait for a gap below them.
 *
 * <p>On PostgreSQL a transaction can commit after one that took a higher position, so the store shows a gap
 * until it does. Events above a gap wait for it; a gap that is still empty {@code settle} after an event above it
 * was written belongs to a transaction that rolled back, and is passed over. (Axon Server has no gaps.)
 */
public class EventHistory {

    /** Takes each envelope in turn; answers false to end the read there. */
    public interface Sink {
        boolean accept(EventEnvelope envelope) throws IOException;
    }

    private static final int BATCH = 500;
    private static final int POLL_MILLIS = 100;
    /** Axon's JDBC engine forgets gaps this far below the highest position it has seen (its maxGapOffset). */
    private static final long MAX_GAP = 10_000;

    private final EventStore store;
    private final EventEnvelopes envelopes;
    private final Duration settle;

    EventHistory(EventStore store, EventEnvelopes envelopes, Duration settle) {
        this.store = store;
        this.envelopes = envelopes;
        this.settle = settle;
    }

    /** The position of the newest event in the store now; 0 when it is empty. */
    public long head() {
        TrackingToken head = store.createHeadToken();
        return head == null ? 0 : EventEnvelopes.positionOf(head);
    }

    /** Hands the events after {@code after} up to the head to {@code sink} in position order; the number handed. */
    public long read(long after, Sink sink) throws IOException, InterruptedException {
        long head = head();
        long next = after + 1;
        long seen = after;
        long handed = 0;
        TreeMap<Long, EventEnvelope> waiting = new TreeMap<>();
        Map<Long, Instant> gaps = new HashMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                store.openStream(EventEnvelopes.tokenAfter(store, after))) {
            while (next <= head) {
                for (EventEnvelope envelope : envelopes.of(nextBatch(stream))) {
                    long position = envelope.position();
                    for (long gap = Math.max(seen + 1, position - MAX_GAP); gap < position && gap <= head; gap++) {
                        gaps.put(gap, envelope.timestamp());
                    }
                    seen = Math.max(seen, position);
                    gaps.remove(position);
                    if (position >= next && position <= head) {
                        waiting.put(position, envelope);
                    }
                }
                Instant settled = Instant.now().minus(settle);
                while (next <= head) {
                    EventEnvelope envelope = waiting.remove(next);
                    if (envelope != null) {
                        handed++;
                        if (!sink.accept(envelope)) {
                            return handed;
                        }
                    } else if (next > seen) {
                        break; // not read yet
                    } else {
                        Instant revealed = gaps.get(next);
                        if (revealed != null && revealed.isAfter(settled)) {
                            break; // a transaction in flight
                        }
                        gaps.remove(next);
                    }
                    next++;
                }
            }
        }
        return handed;
    }

    private static List<TrackedEventMessage<?>> nextBatch(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        if (stream.hasNextAvailable(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            do {
                batch.add(stream.nextAvailable());
            } while (batch.size() < BATCH && stream.hasNextAvailable());
        }
        return batch;
    }
}

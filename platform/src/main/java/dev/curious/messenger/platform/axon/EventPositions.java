package dev.curious.messenger.platform.axon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each event's own position in the store's global order, counted from 1. On Axon Server that is its token. A token of the
 * PostgreSQL store is gap-aware: its position is the highest one seen so far, which belongs to another event when
 * this one was committed after a higher-numbered one, so there the positions come from the store's global index.
 */
class EventPositions {

    private final JdbcClient jdbc;

    EventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The positions of the events by event id, with at most one query. */
    Map<String, Long> of(List<? extends TrackedEventMessage<?>> events) {
        Map<String, Long> positions = new HashMap<>();
        List<String> lookUp = new ArrayList<>();
        for (TrackedEventMessage<?> event : events) {
            TrackingToken token = WrappedToken.unwrapUpperBound(event.trackingToken());
            if (token instanceof GlobalSequenceTrackingToken global) {
                positions.put(event.getIdentifier(), EventEnvelopes.positionOf(global));
            } else {
                lookUp.add(event.getIdentifier());
            }
        }
        if (!lookUp.isEmpty()) {
            jdbc.sql("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN (:ids)")
                    .param("ids", lookUp)
                    .query((row, n) -> Map.entry(row.getString(1), row.getLong(2)))
                    .list()
                    .forEach(found -> positions.put(found.getKey(), found.getValue()));
            if (positions.size() < events.size()) {
                throw new IllegalStateException("Events read from the store are not in its table: " + lookUp);
            }
        }
        return positions;
    }
}

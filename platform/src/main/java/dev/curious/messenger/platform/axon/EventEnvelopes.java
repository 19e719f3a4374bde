package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * Turns events read from the store (already upcast) into envelopes, each with its own position in the store's
 * global order, and envelopes into one line of JSON.
 */
public class EventEnvelopes {

    private static final String[] METADATA = {"userId", "correlationId", "causationId"};

    private final ObjectMapper json = AxonPlatformAutoConfiguration.messageObjectMapper();
    private final RevisionResolver revisions = new AnnotationRevisionResolver();
    private final EventPositions positions;

    EventEnvelopes(EventPositions positions) {
        this.positions = positions;
    }

    /** The envelopes of events read from the store, in the same order, with one look-up of their positions. */
    public List<EventEnvelope> of(List<? extends TrackedEventMessage<?>> events) {
        Map<String, Long> position = positions.of(events);
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        for (TrackedEventMessage<?> event : events) {
            envelopes.add(of(event, position.get(event.getIdentifier())));
        }
        return envelopes;
    }

    private EventEnvelope of(EventMessage<?> event, Long position) {
        String aggregateType = null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (String key : METADATA) {
            metadata.put(key, event.getMetaData().get(key));
        }
        Class<?> type = event.getPayloadType();
        String revision = revisions.revisionOf(type);
        return new EventEnvelope(
                event.getIdentifier(),
                type.getSimpleName(),
                revision == null ? "1" : revision,
                aggregateType,
                aggregateId,
                sequence,
                position,
                event.getTimestamp(),
                json.valueToTree(event.getPayload()),
                metadata);
    }

    /**
     * A token from which a stream yields the events after {@code position}, for the store in use: a plain global
     * sequence on Axon Server, gap-aware on the PostgreSQL store. Decided by the store, not by a token it hands out:
     * Axon Server has no tail token while it is empty, nor the PostgreSQL store.
     */
    public static TrackingToken tokenAfter(StreamableMessageSource<?> source, long position) {
        if (source instanceof AxonServerEventStore) {
            return new GlobalSequenceTrackingToken(position - 1);
        }
        return GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
    }

    /**
     * The position of the event a token of the store stands at: Axon Server counts its events from 0, the PostgreSQL
     * store's global index from 1, and positions count from 1 in both, so that "after 0" is the whole history.
     */
    static long positionOf(TrackingToken token) {
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex() + 1;
        }
        return token.position().orElse(0);
    }

    /** The envelope as UTF-8 JSON, without a line break. */
    public byte[] toJson(EventEnvelope envelope) {
        try {
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the envelope of event " + envelope.eventId(), e);
        }
    }
}

package dev.curious.messenger.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Positions count from 1 in both stores, and a read "after a position" opens the stream with the token of the store
 * in use, whatever tail token the store reports (Axon Server reports none while empty, nor does an empty PostgreSQL
 * store): the analysts' history, the Kafka export and the command line all read through it.
 */
class StorePositionsTest {

    @Test
    void readsAxonServerFromItsOwnGlobalSequenceCountedFromZero() {
        AxonServerConfiguration configuration = AxonServerConfiguration.builder()
                .servers("127.0.0.1:1")
                .componentName("positions-test")
                .build();
        AxonServerConnectionManager connections = AxonServerConnectionManager.builder()
                .axonServerConfiguration(configuration)
                .build();
        try {
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            AxonServerEventStore axonServer = AxonServerEventStore.builder()
                    .configuration(configuration)
                    .platformConnectionManager(connections)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .snapshotFilter(SnapshotFilter.allowAll())
                    .build();

            assertThat(EventEnvelopes.tokenAfter(axonServer, 0)).isEqualTo(new GlobalSequenceTrackingToken(-1));
            assertThat(EventEnvelopes.tokenAfter(axonServer, 5)).isEqualTo(new GlobalSequenceTrackingToken(4));
            assertThat(EventEnvelopes.positionOf(new GlobalSequenceTrackingToken(0)))
                    .isEqualTo(1);
        } finally {
            connections.shutdown();
        }
    }

    @Test
    void readsAnyOtherStoreWithAGapAwareTokenEvenWhenItReportsNoTail() {
        EmbeddedEventStore empty = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        try {
            assertThat(empty.createTailToken()).isNull();
            assertThat(EventEnvelopes.tokenAfter(empty, 7))
                    .isEqualTo(GapAwareTrackingToken.newInstance(7, Collections.emptySortedSet()));
            assertThat(EventEnvelopes.positionOf(GapAwareTrackingToken.newInstance(7, Collections.emptySortedSet())))
                    .isEqualTo(7);
        } finally {
            empty.shutDown();
        }
    }
}

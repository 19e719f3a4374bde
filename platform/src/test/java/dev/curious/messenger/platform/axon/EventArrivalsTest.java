package dev.curious.messenger.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On Axon's embedded store, whose streams cannot tell a reader that events arrived. */
class EventArrivalsTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final EventArrivals arrivals = new EventArrivals(store, () -> {});

    @AfterEach
    void stop() {
        arrivals.close();
        store.shutDown();
    }

    @Test
    void aPromptStreamsReaderIsWokenByEveryAppendAndTheEventIsThereToRead() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = arrivals.prompt().openStream(store.createHeadToken())) {
            for (int append = 1; append <= 3; append++) {
                CountDownLatch woken = new CountDownLatch(1);
                assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();
                store.publish(GenericEventMessage.asEventMessage("event " + append));

                assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(stream.hasNextAvailable()).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("event " + append);
            }
        }
    }

    @Test
    void aPolledStreamNeverWakesItsReaderWhoLooksOnItsOwn() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = arrivals.polled().openStream(store.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(() -> {})).isFalse();
            store.publish(GenericEventMessage.asEventMessage("looked for"));

            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("looked for");
        }
    }

    @Test
    void aClosedStreamIsNoLongerWoken() throws Exception {
        CountDownLatch closedOnes = new CountDownLatch(1);
        BlockingStream<TrackedEventMessage<?>> closed = arrivals.prompt().openStream(store.createHeadToken());
        closed.setOnAvailableCallback(closedOnes::countDown);
        closed.close();
        CountDownLatch open = new CountDownLatch(1);
        try (BlockingStream<TrackedEventMessage<?>> stream = arrivals.prompt().openStream(store.createHeadToken())) {
            stream.setOnAvailableCallback(open::countDown);
            store.publish(GenericEventMessage.asEventMessage("after the close"));
            assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
            // A second wake-up of the open stream is the sentinel: every reader of the first one has been told.
            CountDownLatch again = new CountDownLatch(1);
            stream.setOnAvailableCallback(again::countDown);
            store.publish(GenericEventMessage.asEventMessage("once more"));
            assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(closedOnes.getCount()).isEqualTo(1);
        }
    }
}

package dev.curious.messenger.query.replay;

import java.util.Collection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Rebuilds a processing group's read model from the start of the history, and tells how far it has come. */
@Component
public class Replays {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    Replays(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * Stops the group's processor, clears its tables (its {@code @ResetHandler}), rewinds its token to the start and
     * starts it again; it then catches up on its own, pushing nothing to subscribers until it reaches the head.
     */
    public void start(String processingGroup) {
        StreamingEventProcessor processor = processor(processingGroup);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    /** Where the group stands against the head of the event store. */
    public ReplayProgress progress(String processingGroup) {
        Collection<EventTrackerStatus> segments =
                processor(processingGroup).processingStatus().values();
        long head = position(eventStore.createHeadToken());
        long position = segments.isEmpty()
                ? -1
                : segments.stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                        .min()
                        .orElse(-1);
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        boolean caughtUp = !segments.isEmpty() && segments.stream().allMatch(EventTrackerStatus::isCaughtUp);
        // A replay token stays "replaying" until an event newer than the reset point arrives, which on a quiet
        // system may be never: being at the head is what ends a replay for the operator.
        return new ReplayProgress(processingGroup, position, head, replaying, caughtUp && position >= head);
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing
                .eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No processing group '" + processingGroup + "'"));
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}

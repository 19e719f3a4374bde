package dev.curious.messenger.query;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Resumes a tracking processor as soon as its stores answer again after an outage. Axon's own retry doubles its wait
 * after every failure, up to 60 s, so a processor that failed through a longer outage (Axon Server away, the read
 * models' database away) sat idle up to a minute after it came back. Each second this looks for segments in error
 * because a store could not be reached and, once the database and the event store answer, restarts that processor
 * (at most every 5 s), which claims its segments at once. Errors of another kind (an event a handler cannot take)
 * are left to Axon's back-off.
 */
@Component
class ProcessorRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);
    private static final Duration AT_MOST_EVERY = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Map<String, Long> restartedAt = new ConcurrentHashMap<>();

    ProcessorRecovery(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${messenger.projections.recovery-check:1s}")
    void resumeAfterOutages() {
        for (TrackingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .toList()) {
            if (processor.isRunning() && waitingOutAnOutage(processor) && mayRestart(processor)) {
                if (!storesAnswer()) {
                    return;
                }
                log.info("Processor {} resumes: its stores answer again", processor.getName());
                restartedAt.put(processor.getName(), System.nanoTime());
                processor.shutDown();
                processor.start();
            }
        }
    }

    private boolean mayRestart(TrackingEventProcessor processor) {
        Long last = restartedAt.get(processor.getName());
        return last == null || System.nanoTime() - last > AT_MOST_EVERY.toNanos();
    }

    private static boolean waitingOutAnOutage(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .anyMatch(status -> outage(status.getError()));
    }

    /** A failure to reach a store, not one of handling an event. */
    static boolean outage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof java.net.ConnectException
                    || (cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))
                    || cause.getClass().getName().startsWith("org.axonframework.axonserver.connector")) {
                return true;
            }
        }
        return false;
    }

    private boolean storesAnswer() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            eventStore.createHeadToken();
            return true;
        } catch (RuntimeException stillDown) {
            return false;
        }
    }
}

package dev.curious.messenger.query;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
 * Resumes an event processor as soon as its stores answer again after an outage. Axon's own retry doubles its wait
 * after every failure, up to 60 s, so a processor that failed through a longer outage (Axon Server away, the read
 * models' database away) sat idle up to a minute after it came back. This is every processor's error handler: it
 * notes a batch that failed because a store could not be reached and passes the failure on, so that the batch is
 * retried, never skipped. Each second it looks for processors that noted such a failure and have not resumed (a
 * pooled processor gives up its segment until its back-off ends; a tracking one shows the segment in error) and, once
 * the database and the event store answer, restarts them (each at most every 5 s); a restarted processor claims its
 * segments at once. Errors of another kind (an event a handler cannot take) are left to Axon's back-off.
 */
@Component
class ProcessorRecovery implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRecovery.class);
    private static final Duration AT_MOST_EVERY = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Set<String> failedInAnOutage = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> restartedAt = new ConcurrentHashMap<>();

    ProcessorRecovery(EventProcessingConfiguration processing, EventStore eventStore, JdbcClient jdbc) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @Override
    public void handleError(ErrorContext context) throws Exception {
        if (outage(context.error())) {
            failedInAnOutage.add(context.eventProcessor());
        }
        PropagatingErrorHandler.instance().handleError(context);
    }

    @Scheduled(fixedDelayString = "${messenger.projections.recovery-check:1s}")
    void resumeAfterOutages() {
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList()) {
            if (processor.isRunning() && waitingOutAnOutage(processor) && mayRestart(processor)) {
                if (!storesAnswer()) {
                    return;
                }
                log.info("Processor {} resumes: its stores answer again", processor.getName());
                restartedAt.put(processor.getName(), System.nanoTime());
                failedInAnOutage.remove(processor.getName());
                processor.shutDown();
                processor.start();
            }
        }
    }

    private boolean mayRestart(StreamingEventProcessor processor) {
        Long last = restartedAt.get(processor.getName());
        return last == null || System.nanoTime() - last > AT_MOST_EVERY.toNanos();
    }

    private boolean waitingOutAnOutage(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.stream().filter(EventTrackerStatus::isErrorState).anyMatch(status -> outage(status.getError()))) {
            return true;
        }
        if (!failedInAnOutage.contains(processor.getName())) {
            return false;
        }
        if (!segments.isEmpty() && segments.stream().noneMatch(EventTrackerStatus::isErrorState)) {
            // Axon's own retry got it going again.
            failedInAnOutage.remove(processor.getName());
            return false;
        }
        return true;
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

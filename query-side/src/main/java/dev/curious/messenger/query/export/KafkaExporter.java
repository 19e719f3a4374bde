package dev.curious.messenger.query.export;

import dev.curious.messenger.platform.axon.EventEnvelope;
import dev.curious.messenger.platform.axon.EventEnvelopes;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every event's envelope to the topic, keyed by its aggregate (the conversation, the user), with the
 * header {@code eventId}. The sends of a batch are awaited before the batch commits, so the processor's token moves
 * only past events the broker acknowledged; a failure (broker down) fails the batch, which the processor retries
 * with back-off. A crash after the sends and before the commit sends those events again: consumers dedupe by
 * {@code eventId}, and the idempotent producer keeps each key's order.
 */
@ProcessingGroup(KafkaExporter.GROUP)
public class KafkaExporter {

    public static final String GROUP = "kafka-export";
    private static final String BATCH = KafkaExporter.class.getName() + ".batch";

    private final KafkaProducer<String, byte[]> producer;
    private final EventEnvelopes envelopes;
    private final String topic;
    private final long timeoutMillis;
    private final Runnable topicCheck;
    private volatile boolean topicChecked;

    KafkaExporter(
            KafkaProducer<String, byte[]> producer,
            EventEnvelopes envelopes,
            String topic,
            Duration timeout,
            Runnable topicCheck) {
        this.producer = producer;
        this.envelopes = envelopes;
        this.topic = topic;
        this.timeoutMillis = timeout.toMillis();
        this.topicCheck = topicCheck;
    }

    /** Closes the producer with the exporter. */
    @PreDestroy
    void close() {
        producer.close();
    }

    @EventHandler
    void on(Object payload, TrackedEventMessage<?> event) {
        batch().add(event);
    }

    /** Sends one envelope; the record every exporter (the processor, the command line) writes. */
    Future<RecordMetadata> send(EventEnvelope envelope) {
        if (!topicChecked) {
            // Until it passes, each batch fails here and is retried with back-off, saying what to change.
            topicCheck.run();
            topicChecked = true;
        }
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, envelope.aggregateId(), envelopes.toJson(envelope));
        record.headers().add("eventId", envelope.eventId().getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }

    /** Waits for the broker's acknowledgement of every send so far; throws when one failed. */
    void awaitAcknowledged(List<Future<RecordMetadata>> sends) {
        // Not producer.flush(): it has no time limit, and a batch must fail (and be retried) rather than hang.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e.getMessage(), e);
        }
    }

    /** The batch's events, sent together (their positions looked up at once) before the batch commits. */
    private List<TrackedEventMessage<?>> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            List<TrackedEventMessage<?>> events = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
                for (EventEnvelope envelope : envelopes.of(events)) {
                    sends.add(send(envelope));
                }
                awaitAcknowledged(sends);
            });
            return events;
        });
    }
}

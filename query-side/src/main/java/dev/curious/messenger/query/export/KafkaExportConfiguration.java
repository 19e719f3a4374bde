package dev.curious.messenger.query.export;

import dev.curious.messenger.platform.axon.EventEnvelopes;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka export, on exactly when {@code messenger.kafka.bootstrap-servers} ({@code MESSENGER_KAFKA_BOOTSTRAP_SERVERS})
 * is set: an idempotent producer with {@code acks=all}, the topic made or checked before the first send
 * ({@link EventTopic}), and the processor {@value KafkaExporter#GROUP} that starts at the first event of the
 * store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("messenger.kafka.bootstrap-servers")
@EnableConfigurationProperties(KafkaExportProperties.class)
class KafkaExportConfiguration {

    @Bean
    KafkaExporter kafkaExporter(KafkaExportProperties properties, EventEnvelopes envelopes) {
        Map<String, Object> producer = properties.producer();
        return new KafkaExporter(
                new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()),
                envelopes,
                properties.topic(),
                properties.deliveryTimeout(),
                () -> EventTopic.ensure(properties, producer));
    }

    /**
     * One segment, so that the topic gets each key's events in the store's order; it looks twice a second and sends
     * what arrived meanwhile as one batch with one token update (the lag stays under a second).
     */
    @Autowired
    void exportProcessor(
            EventProcessingConfigurer processing,
            KafkaExportProperties properties,
            @Qualifier("polledEvents") StreamableMessageSource<TrackedEventMessage<?>> polledEvents) {
        processing.registerPooledStreamingEventProcessor(
                KafkaExporter.GROUP,
                configuration -> polledEvents,
                (configuration, builder) -> builder.initialSegmentCount(1)
                        .batchSize(properties.batchSize())
                        .initialToken(StreamableMessageSource::createTailToken));
        processing.registerListenerInvocationErrorHandler(
                KafkaExporter.GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}

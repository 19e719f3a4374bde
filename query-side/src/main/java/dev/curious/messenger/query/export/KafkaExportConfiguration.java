package dev.curious.messenger.query.export;

import dev.curious.messenger.platform.axon.EventEnvelopes;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka export, on exactly when {@code messenger.kafka.bootstrap-servers} ({@code MESSENGER_KAFKA_BOOTSTRAP_SERVERS})
 * is set: an idempotent producer with {@code acks=all}, and the tracking processor {@value KafkaExporter#GROUP} that
 * starts at the first event of the store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("messenger.kafka.bootstrap-servers")
class KafkaExportConfiguration {

    @Bean(destroyMethod = "close")
    KafkaProducer<String, byte[]> eventProducer(
            @Value("${messenger.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${messenger.kafka.delivery-timeout:30s}") Duration deliveryTimeout) {
        int timeout = (int) deliveryTimeout.toMillis();
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeout,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        // Kafka wants delivery >= linger + request.
                        Math.max(1, Math.min(timeout - 5, 10_000)),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        timeout,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "messenger-export"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @Bean
    KafkaExporter kafkaExporter(
            KafkaProducer<String, byte[]> eventProducer,
            EventEnvelopes envelopes,
            @Value("${messenger.kafka.topic:messenger.events}") String topic,
            @Value("${messenger.kafka.delivery-timeout:30s}") Duration deliveryTimeout) {
        return new KafkaExporter(eventProducer, envelopes, topic, deliveryTimeout);
    }

    @Autowired
    void exportProcessor(
            EventProcessingConfigurer processing, @Value("${messenger.kafka.batch-size:200}") int batchSize) {
        processing.registerTrackingEventProcessor(
                KafkaExporter.GROUP,
                configuration -> configuration.eventStore(),
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
        processing.registerListenerInvocationErrorHandler(
                KafkaExporter.GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}

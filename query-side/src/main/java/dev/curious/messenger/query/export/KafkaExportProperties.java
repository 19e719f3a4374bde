package dev.curious.messenger.query.export;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka export ({@code messenger.kafka.*}, {@code MESSENGER_KAFKA_*}): where the broker is, the topic and the
 * shape it is made with when missing (as docker-compose.yml's broker makes topics), how long a batch may wait for the
 * broker, and how many events a batch holds.
 */
@ConfigurationProperties("messenger.kafka")
record KafkaExportProperties(
        String bootstrapServers,
        @DefaultValue("messenger.events") String topic,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("30s") Duration deliveryTimeout,
        @DefaultValue("200") int batchSize) {

    /**
     * The producer's settings: nothing lost or reordered ({@code acks=all}, idempotent, checked by {@link EventTopic}),
     * and no send that waits for the broker longer than {@code deliveryTimeout}.
     */
    Map<String, Object> producer() {
        int timeout = (int) deliveryTimeout.toMillis();
        return Map.of(
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
                "messenger-export");
    }
}

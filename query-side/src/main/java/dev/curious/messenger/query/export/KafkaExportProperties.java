package dev.curious.messenger.query.export;

import java.time.Duration;
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
        @DefaultValue("200") int batchSize) {}

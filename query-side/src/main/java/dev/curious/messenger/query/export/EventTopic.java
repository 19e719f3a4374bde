package dev.curious.messenger.query.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export's topic is the export's own: made with the configured partitions and replication factor when it is
 * missing (so no broker's auto-creation is needed), and checked when it exists. A topic that would lose events
 * (compaction keeps one record per key) or refuse every write (more in-sync replicas required than there are) is
 * refused with what to change, as is a producer that could lose or reorder them (without {@code acks=all} and
 * idempotence). Fewer partitions than configured are fine: each key still lands in one partition, in order.
 */
final class EventTopic {

    private static final Logger log = LoggerFactory.getLogger(EventTopic.class);

    private EventTopic() {}

    /** Makes or checks the topic once the broker answers; an {@link IllegalStateException} says what to change. */
    static void ensure(KafkaExportProperties properties, Map<String, Object> producer) {
        refuseUnsafe(producer);
        long timeout = properties.deliveryTimeout().toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(timeout, 10_000),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "messenger-export-admin"))) {
            String topic = properties.topic();
            if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(topic)) {
                try {
                    admin.createTopics(List.of(
                                    new NewTopic(topic, properties.partitions(), properties.replicationFactor())))
                            .all()
                            .get(timeout, TimeUnit.MILLISECONDS);
                    log.info(
                            "Made topic {} with {} partitions, replication factor {}",
                            topic,
                            properties.partitions(),
                            properties.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            TopicDescription description = admin.describeTopics(Set.of(topic))
                    .allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS)
                    .get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource))
                    .all()
                    .get(timeout, TimeUnit.MILLISECONDS)
                    .get(resource);
            refuseUnsafe(topic, description, config, properties.partitions());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka cannot be asked about topic " + properties.topic() + ": " + e, e);
        }
    }

    static void refuseUnsafe(Map<String, Object> producer) {
        if (!"all".equals(String.valueOf(producer.get(ProducerConfig.ACKS_CONFIG)))
                || !Boolean.parseBoolean(String.valueOf(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))) {
            throw new IllegalStateException("The export's producer must have acks=all and enable.idempotence=true,"
                    + " else the broker can lose or reorder events it acknowledged");
        }
    }

    static void refuseUnsafe(String topic, TopicDescription description, Config config, int configuredPartitions) {
        List<String> faults = new ArrayList<>();
        String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            faults.add("cleanup.policy is " + cleanup + ": compaction keeps only the last event of each conversation;"
                    + " set cleanup.policy=delete (kafka-configs --alter --entity-type topics --entity-name " + topic
                    + " --add-config cleanup.policy=delete)");
        }
        int replicas = description.partitions().stream()
                .mapToInt(partition -> partition.replicas().size())
                .min()
                .orElse(0);
        int minInSync = Integer.parseInt(
                config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        if (minInSync > replicas) {
            faults.add("min.insync.replicas is " + minInSync + " but partitions have " + replicas
                    + " replicas: with acks=all no write can succeed; lower min.insync.replicas to at most "
                    + replicas + " or add replicas");
        }
        if (!faults.isEmpty()) {
            throw new IllegalStateException("Refusing to export to topic " + topic + ": " + String.join("; ", faults));
        }
        if (description.partitions().size() < configuredPartitions) {
            log.info(
                    "Topic {} has {} partitions (configured {}): fine, each key stays in one partition",
                    topic,
                    description.partitions().size(),
                    configuredPartitions);
        }
    }
}

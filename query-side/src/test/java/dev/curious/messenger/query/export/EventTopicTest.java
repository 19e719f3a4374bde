package dev.curious.messenger.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The export's topic on a real broker that makes no topic by itself: made when missing, refused when unsafe. */
@EmbeddedKafka(kraft = true, brokerProperties = "auto.create.topics.enable=false")
class EventTopicTest {

    private static final Map<String, Object> PRODUCER =
            Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

    private final EmbeddedKafkaBroker broker;
    private Admin admin;

    EventTopicTest(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterEach
    void close() {
        admin.close();
    }

    private KafkaExportProperties properties(String topic) {
        return new KafkaExportProperties(broker.getBrokersAsString(), topic, 3, (short) 1, Duration.ofSeconds(20), 200);
    }

    private void make(String topic, int partitions, Map<String, String> config) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config)))
                .all()
                .get();
    }

    @Test
    void makesAMissingTopicWithTheConfiguredPartitions() throws Exception {
        EventTopic.ensure(properties("made.events"), PRODUCER);

        assertThat(admin.describeTopics(Set.of("made.events"))
                        .allTopicNames()
                        .get()
                        .get("made.events")
                        .partitions())
                .hasSize(3);
        // Again: it is there, and fine.
        EventTopic.ensure(properties("made.events"), PRODUCER);
    }

    @Test
    void acceptsAnExistingTopicWithFewerPartitions() throws Exception {
        make("few.events", 1, Map.of());

        EventTopic.ensure(properties("few.events"), PRODUCER);
    }

    @Test
    void refusesACompactedTopicSayingWhatToChange() throws Exception {
        make("compacted.events", 3, Map.of("cleanup.policy", "compact"));

        assertThatThrownBy(() -> EventTopic.ensure(properties("compacted.events"), PRODUCER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=delete");
    }

    @Test
    void refusesATopicThatNeedsMoreInSyncReplicasThanItHas() throws Exception {
        make("unwritable.events", 3, Map.of("min.insync.replicas", "2"));

        assertThatThrownBy(() -> EventTopic.ensure(properties("unwritable.events"), PRODUCER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("min.insync.replicas is 2 but partitions have 1 replicas");
    }

    @Test
    void refusesAProducerThatCouldLoseOrReorderEvents() {
        for (Map<String, Object> unsafe : List.of(
                Map.<String, Object>of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.<String, Object>of(
                        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false))) {
            assertThatThrownBy(() -> EventTopic.ensure(properties("never.events"), unsafe))
                    .hasMessageContaining("acks=all and enable.idempotence=true");
        }
    }
}

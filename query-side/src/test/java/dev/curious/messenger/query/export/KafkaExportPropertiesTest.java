package dev.curious.messenger.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaExportPropertiesTest {

    @ParameterizedTest
    @ValueSource(longs = {100, 1_000, 30_000, 120_000})
    void theProducerIsSafeAndEveryWaitIsBoundedByTheDeliveryTimeout(long millis) {
        Map<String, Object> producer = new KafkaExportProperties(
                        "kafka:9092", "messenger.events", 3, (short) 1, Duration.ofMillis(millis), 200)
                .producer();

        assertThatCode(() -> EventTopic.refuseUnsafe(producer)).doesNotThrowAnyException();
        int delivery = (int) producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        int linger = (int) producer.get(ProducerConfig.LINGER_MS_CONFIG);
        int request = (int) producer.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        assertThat(delivery).isEqualTo(millis);
        assertThat(producer.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).isEqualTo((int) millis);
        assertThat(delivery)
                .as("Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms")
                .isGreaterThanOrEqualTo(linger + request);
    }
}

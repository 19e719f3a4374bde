package dev.curious.messenger.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A consumer as the contract expects analysts to write it: from the beginning, deduplicating by {@code eventId}. */
final class ExportedEvents implements AutoCloseable {

    /** One record as received. */
    record Received(String key, String eventIdHeader, JsonNode envelope) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    final List<Received> all = new ArrayList<>();
    final Map<String, Received> byEventId = new LinkedHashMap<>();

    ExportedEvents(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once; what arrived is added to {@link #all} and, first occurrence only, to {@link #byEventId}. */
    void poll() throws IOException {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            String eventId = new String(record.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8);
            Received received = new Received(record.key(), eventId, JSON.readTree(record.value()));
            all.add(received);
            byEventId.putIfAbsent(eventId, received);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

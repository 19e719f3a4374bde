package dev.curious.messenger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker (KRaft, one node) in the harness process, with the topic the system exports its events to. */
final class KafkaTopic implements AutoCloseable {

    static final String TOPIC = "messenger.events";

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaTopic(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static KafkaTopic start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.afterPropertiesSet();
        return new KafkaTopic(broker);
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** The environment that switches the system's export on, to this broker. */
    Map<String, String> exportTo() {
        return Map.of("MESSENGER_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    }

    /** Every record on the topic from the start, read until none has come for {@code quiet}. */
    List<ConsumerRecord<String, String>> readAll(Duration quiet) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.seekToBeginning(consumer.assignment());
            long lastRecord = System.nanoTime();
            while (System.nanoTime() - lastRecord < quiet.toNanos()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    lastRecord = System.nanoTime();
                }
            }
        }
        return records;
    }

    /** Hands each record arriving from now on to {@code each} on a thread of its own, until closed. */
    AutoCloseable tail(Consumer<ConsumerRecord<String, String>> each) {
        KafkaConsumer<String, String> consumer = consumer();
        consumer.seekToEnd(consumer.assignment());
        consumer.position(new TopicPartition(TOPIC, 0));
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (true) {
                    consumer.poll(Duration.ofMillis(100)).forEach(each);
                }
            } catch (WakeupException closed) {
                // tail closed
            }
        });
        thread.start();
        return () -> {
            consumer.wakeup();
            thread.join();
        };
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        return consumer;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

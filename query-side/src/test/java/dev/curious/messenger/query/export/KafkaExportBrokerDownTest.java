package dev.curious.messenger.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker cannot be reached while events are stored (the exporter's only way to it is switched off): the export
 * waits, then catches up without losing one.
 */
@SpringBootTest(classes = CommandAndQuerySides.class)
class KafkaExportBrokerDownTest {

    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1, "messenger.events");
    private static final SwitchableProxy WAY_TO_BROKER = start();

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry properties) {
        properties.add("messenger.kafka.bootstrap-servers", () -> "localhost:" + WAY_TO_BROKER.port());
        properties.add("messenger.kafka.delivery-timeout", () -> "2s");
    }

    @AfterAll
    static void stop() throws IOException {
        WAY_TO_BROKER.close();
        BROKER.destroy();
    }

    @Test
    void exportWaitsForTheBrokerThenCatchesUpWithoutLoss() throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Offline", bob);
        for (int i = 0; i < 10; i++) {
            chat.send(conversation, ada, "while the broker is away " + i);
        }
        StreamingEventProcessor export = processing
                .eventProcessor(KafkaExporter.GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        // A failed batch puts its segment in error, then gives it up until Axon's back-off ends.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> export.processingStatus().isEmpty()
                        || export.processingStatus().values().stream().anyMatch(s -> s.isErrorState()));
        try (ExportedEvents exported = new ExportedEvents(BROKER.getBrokersAsString(), "messenger.events")) {
            exported.poll();
            assertThat(exported.all).isEmpty();

            WAY_TO_BROKER.switchOn();
            chat.send(conversation, bob, "after the broker is back");
            List<String> stored = jdbc.sql("SELECT event_identifier FROM domain_event_entry")
                    .query(String.class)
                    .list();

            await().atMost(Duration.ofSeconds(90)).until(() -> {
                exported.poll();
                return exported.byEventId.keySet().containsAll(stored);
            });
            assertThat(exported.byEventId).hasSize(stored.size());
        }
    }

    private static SwitchableProxy start() {
        try {
            BROKER.afterPropertiesSet();
            return new SwitchableProxy(BROKER.getBrokersAsString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

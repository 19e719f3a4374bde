package dev.curious.messenger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL, the event store and the read models' database, goes away for 20 s and comes back: the projections
 * resume within seconds by themselves (the store's producer retries; the tracking processors wait for events rather
 * than fail, so Axon's doubling retry of up to 60 s is not involved).
 */
// Its database is its own: the context closes with the class (@DirtiesContext) while that database still runs, and
// the database stops after it (an extension declared before Spring's runs its afterAll after Spring's). Otherwise
// Hikari's shutdown at the JVM's exit waits out its connection time-outs against a database already gone.
@ExtendWith(DatabaseOutageTest.StopDatabase.class)
@SpringBootTest(classes = CommandAndQuerySides.class)
@DirtiesContext
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Path DIRECTORY;
    private static final int PORT;
    private static EmbeddedDatabase database;

    static {
        try {
            DIRECTORY = Files.createTempDirectory("database-outage").resolve("postgres");
            try (ServerSocket socket = new ServerSocket(0)) {
                PORT = socket.getLocalPort();
            }
            database = EmbeddedDatabase.start(DIRECTORY, PORT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + PORT + "/postgres");
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "");
    }

    static class StopDatabase implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            database.close();
        }
    }

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Test
    void projectionsResumeWithinSecondsOfTheDatabaseComingBack() throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Outage", bob);
        chat.awaitProjected();

        database.close();
        // The fault itself, not a wait for a state: an outage longer than any retry interval of the connections.
        Thread.sleep(OUTAGE.toMillis());
        database = EmbeddedDatabase.start(DIRECTORY, PORT);

        UUID[] sent = {null};
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        sent[0] = chat.send(conversation, ada, "after the outage");
                        return true;
                    } catch (RuntimeException connectionsStillReopening) {
                        return false;
                    }
                });
        long accepted = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("SELECT count(*) FROM chat_messages WHERE id = ?")
                                .param(sent[0])
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - accepted))
                .as("from the message stored to the message projected")
                .isLessThan(Duration.ofSeconds(5));
    }
}

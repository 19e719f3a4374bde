package dev.curious.messenger.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = CommandAndQuerySides.class)
class ReplayCommandLineTest {

    @Autowired
    ReplayCommandLine commandLine;

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Test
    void replaysTheNamedGroupsPrintingProgressUntilTheyReachTheHead() throws Exception {
        UUID ada = chat.register("ada");
        UUID conversation = chat.start(ada, "Replayed", chat.register("bob"));
        chat.send(conversation, ada, "still here after the replay");
        chat.awaitProjected();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        commandLine.replay(
                "users,conversations", new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(50));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).containsPattern("users \\d+/\\d+ \\(\\d+%\\)\\s+conversations \\d+/\\d+ \\(\\d+%\\)");
        assertThat(output).contains("replayed [users, conversations] in");
        assertThat(output).contains("(100%)");
        assertThat(jdbc.sql("SELECT content FROM chat_messages WHERE conversation_id = ?")
                        .param(conversation)
                        .query(String.class)
                        .list())
                .containsExactly("still here after the replay");
    }

    @Test
    void refusesAnUnknownGroup() {
        assertThatThrownBy(() -> commandLine.replay("nonsense", System.out, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonsense");
    }
}

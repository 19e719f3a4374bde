package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.api.audit.RecordAuditEntry;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.AuditTrail;
import dev.curious.messenger.gateway.CommandFaults;
import dev.curious.messenger.gateway.CommandFaults.Fault;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.MessengerSystem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a client is told when a command does not get through, with the real system behind a command gateway into
 * which the failures of the Axon Server connector are put ({@link CommandFaults}): a call made while it has no channel (nothing sent: 503
 * "nothing was changed", with Retry-After), and an answer lost after the command side applied it (503
 * {@code OUTCOME_UNKNOWN}; the same call repeated answers as the first would have). An outage logs one ERROR and one
 * INFO, not a line per refused call.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CommandFaults.class)
class CommandOutageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    User ada;
    User bob;
    UUID conversation;
    ListAppender<ILoggingEvent> log;

    @BeforeEach
    void chat() {
        api = new Api(port);
        ada = api.register("ada");
        bob = api.register("bob");
        conversation = api.start(ada, "Outage", bob);
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(Commands.class)).addAppender(log);
    }

    @AfterEach
    void heal() {
        CommandFaults.always(Fault.NONE);
        ((Logger) LoggerFactory.getLogger(Commands.class)).detachAppender(log);
    }

    private Response send(String content, String clientMessageId) {
        return api.post(
                "/api/conversations/" + conversation + "/messages",
                ada,
                Map.of("content", content, "clientMessageId", clientMessageId));
    }

    private long messages() {
        return jdbc.sql("SELECT count(*) FROM chat_messages WHERE conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(conversation.toString())
                .query(Long.class)
                .single();
    }

    private static void assertUnavailable(Response answer, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("code").asText()).isEqualTo(code);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    }

    private List<ILoggingEvent> lines(Level level) {
        return log.list.stream().filter(line -> line.getLevel() == level).toList();
    }

    @Test
    void aLostAnswerIsOutcomeUnknownAndTheRepeatAnswersAsTheFirstWouldHave() {
        CommandFaults.always(Fault.ANSWER_LOST);
        Response lost = send("did this arrive?", "lost-1");

        assertUnavailable(lost, "OUTCOME_UNKNOWN");
        assertThat(lost.body().get("detail").asText()).contains("may have been applied");

        CommandFaults.always(Fault.NONE);
        Response repeated = send("did this arrive?", "lost-1");
        Response again = send("did this arrive?", "lost-1");

        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(202);
        assertThat(again.body().get("messageId")).isEqualTo(repeated.body().get("messageId"));
        assertThat(repeated.body().get("sequence").asLong()).isEqualTo(1);
        // ConversationStarted and one MessageSent: the message was applied once, by the first call.
        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void anUnreachableBusAnswers503WithRetryAfterChangesNothingAndLogsTheOutageOnce() {
        long before = storedEvents();
        CommandFaults.always(Fault.UNREACHABLE);
        for (int i = 0; i < 5; i++) {
            assertUnavailable(send("while away " + i, "away-" + i), "UNAVAILABLE");
        }
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(lines(Level.ERROR)).hasSize(1);
        assertThat(lines(Level.ERROR).get(0).getThrowableProxy()).isNull();
        assertThat(lines(Level.INFO)).isEmpty();

        CommandFaults.always(Fault.NONE);
        assertThat(send("back again", "away-0").status()).isEqualTo(202);
        assertThat(send("and again", "back-1").status()).isEqualTo(202);

        assertThat(lines(Level.ERROR)).hasSize(1);
        assertThat(lines(Level.INFO))
                .singleElement()
                .satisfies(line -> assertThat(line.getFormattedMessage()).contains("5 calls were refused"));
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void anAuditEntryThatCannotBeDeliveredYetIsSentAgainAndTheOutageLoggedOnce() {
        ListAppender<ILoggingEvent> audit = new ListAppender<>();
        audit.start();
        Logger trail = (Logger) LoggerFactory.getLogger(AuditTrail.class);
        trail.addAppender(audit);
        try {
            User mallory = api.register("mallory");
            CommandFaults.next(2, RecordAuditEntry.class, Fault.UNREACHABLE);
            Response denied = api.post(
                    "/api/conversations/" + conversation + "/messages", mallory, Map.of("content", "let me in"));
            assertThat(denied.status()).isEqualTo(404);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("SELECT count(*) FROM audit_log WHERE actor_id = ? AND conversation_id = ?")
                                    .param(mallory.id())
                                    .param(conversation)
                                    .query(Long.class)
                                    .single()
                            == 1);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> audit.list.stream().anyMatch(line -> line.getLevel() == Level.INFO));
            assertThat(audit.list)
                    .filteredOn(line -> line.getLevel() == Level.ERROR)
                    .hasSize(1);
        } finally {
            trail.detachAppender(audit);
        }
    }

    @Test
    void aStompSendWhileTheBusIsUnreachableGetsAnErrorFrameAndAKnownOutcomeAfterwards() throws Exception {
        try (StompClient stomp = StompClient.connect(port, ada.token())) {
            BlockingQueue<JsonNode> errors = stomp.subscribe("/user/queue/errors");
            BlockingQueue<JsonNode> frames = stomp.subscribe("/topic/conversations/" + conversation);
            CommandFaults.always(Fault.UNREACHABLE);
            stomp.send(
                    "/app/conversations/" + conversation + "/messages",
                    Map.of("content", "over STOMP", "clientMessageId", "stomp-1"));

            JsonNode error = StompClient.next(errors, Duration.ofSeconds(10));
            assertThat(error.get("status").asInt()).isEqualTo(503);
            assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(error.get("clientMessageId").asText()).isEqualTo("stomp-1");

            CommandFaults.always(Fault.ANSWER_LOST);
            stomp.send(
                    "/app/conversations/" + conversation + "/messages",
                    Map.of("content", "over STOMP", "clientMessageId", "stomp-1"));
            JsonNode unknown = StompClient.next(errors, Duration.ofSeconds(10));
            assertThat(unknown.get("code").asText()).isEqualTo("OUTCOME_UNKNOWN");
            // It was applied: the frame comes, once.
            JsonNode sent = StompClient.next(frames, "MessageSent", Duration.ofSeconds(10));
            assertThat(sent.get("clientMessageId").asText()).isEqualTo("stomp-1");

            CommandFaults.always(Fault.NONE);
            Response repeated = send("over STOMP", "stomp-1");
            assertThat(repeated.body().get("messageId").asText())
                    .isEqualTo(sent.get("id").asText());
            assertThat(messages()).isEqualTo(1);
        }
    }
}

package dev.curious.messenger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.audit.AuditEntry;
import dev.curious.messenger.api.audit.AuditLogPage;
import dev.curious.messenger.api.audit.AuditLogQuery;
import dev.curious.messenger.api.audit.RecordAuditEntry;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.Replays;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = CommandAndQuerySides.class)
class AuditLogTest {

    @Autowired
    Chat chat;

    @Autowired
    QueryGateway queries;

    @Autowired
    Replays replays;

    private AuditLogPage log(UUID actor, UUID conversation, String action) {
        return queries.query(
                        new AuditLogQuery(null, null, actor, conversation, action, 0, 200),
                        ResponseTypes.instanceOf(AuditLogPage.class))
                .join();
    }

    @Test
    void recordsWhoDidWhatWhenForEveryStoredEvent() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Audited", bob);
        UUID message = chat.send(conversation, ada, "hello");
        CommandMessage<?> seen = GenericCommandMessage.asCommandMessage(new MarkSeen(conversation, message, bob))
                .andMetaData(java.util.Map.of("correlationId", "request-7"));
        chat.command(seen);
        chat.awaitProjected();

        AuditLogPage page = log(null, conversation, null);
        assertThat(page.entries())
                .extracting(AuditEntry::action)
                .containsExactly("ConversationStarted", "MessageSent", "MessagesSeen");
        AuditEntry sent = page.entries().get(1);
        assertThat(sent.actorId()).isEqualTo(ada);
        assertThat(sent.messageId()).isEqualTo(message);
        assertThat(sent.outcome()).isEqualTo("Stored");
        AuditEntry marked = page.entries().get(2);
        assertThat(marked.actorId()).isEqualTo(bob);
        assertThat(marked.correlationId()).isEqualTo("request-7");
        assertThat(log(bob, null, "MessagesSeen").entries()).hasSize(1);
    }

    @Test
    void keepsDeniedAttemptsWhenTheLogIsRebuiltFromTheEvents() throws Exception {
        UUID eve = chat.register("eve");
        UUID conversation = UUID.randomUUID();
        chat.command(new RecordAuditEntry(
                Instant.parse("2026-11-21T10:15:30.123Z"),
                eve,
                "SendMessage",
                conversation,
                null,
                "Denied",
                "r-1",
                "not a member"));
        chat.awaitProjected();
        long before = log(null, null, null).entries().size();

        replays.start(ProcessingGroups.AUDIT);
        chat.awaitProjected();

        assertThat(log(eve, conversation, "SendMessage").entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo("Denied"));
        assertThat(log(null, null, null).entries()).hasSize((int) before);
    }
}

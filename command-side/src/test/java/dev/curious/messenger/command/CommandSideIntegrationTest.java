package dev.curious.messenger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class CommandSideIntegrationTest {

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    private UUID register(String nickname) {
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new RegisterUser(id, nickname));
        return id;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CommandError errorOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(CommandExecutionException.class);
        return ((CommandExecutionException) thrown).<CommandError>getDetails().orElseThrow();
    }

    @Test
    void rejectsNicknameTakenIgnoringCaseWithATypedCodeAcrossTheBus() {
        String nickname = unique("Ada");
        register(nickname);
        assertThatThrownBy(() -> register(nickname.toUpperCase()))
                .satisfies(thrown -> assertThat(errorOf(thrown).code()).isEqualTo(ErrorCode.NICKNAME_TAKEN));
        assertThat(jdbc.sql("SELECT count(*) FROM command_user_directory WHERE lower(nickname) = lower(?)")
                        .param(nickname)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void rejectsALookAlikeOfATakenNicknameWithTheSameCode() {
        String nickname = unique("admin");
        register(nickname);
        for (String lookAlike :
                List.of(nickname.replace("m", "rn"), nickname.replace("a", "A").replace("i", "I"))) {
            assertThatThrownBy(() -> register(lookAlike))
                    .as(lookAlike)
                    .satisfies(thrown -> assertThat(errorOf(thrown).code()).isEqualTo(ErrorCode.NICKNAME_TAKEN));
        }
        assertThatThrownBy(() -> register(nickname.replace("a", "\u0430")))
                .satisfies(thrown -> assertThat(errorOf(thrown).code()).isEqualTo(ErrorCode.NICKNAME_INVALID));
    }

    @Test
    void concurrentRegistrationsOfOneNicknameLetExactlyOneWin() throws Exception {
        String nickname = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<UUID>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String spelling = i % 2 == 0 ? nickname : nickname.toUpperCase();
                attempts.add(pool.submit(() -> register(spelling)));
            }
            int won = 0;
            for (Future<UUID> attempt : attempts) {
                try {
                    attempt.get();
                    won++;
                } catch (ExecutionException e) {
                    assertThat(errorOf(e.getCause()).code()).isEqualTo(ErrorCode.NICKNAME_TAKEN);
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%UserRegistered'"
                                + " AND convert_from(payload, 'UTF8')::jsonb ->> 'nickname' ILIKE ?")
                        .param(nickname)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void storesEventsInOrderWithActorCorrelationAndCausation() {
        UUID owner = register(unique("owner"));
        UUID guest = register(unique("guest"));
        UUID conversation = UUID.randomUUID();
        var start = GenericCommandMessage.asCommandMessage(
                        new StartConversation(conversation, "Lunch", List.of(guest), owner))
                .andMetaData(Map.of("correlationId", "request-42"));
        commands.sendAndWait(start);
        UUID message = UUID.randomUUID();
        commands.sendAndWait(new SendMessage(conversation, message, "hello", "c-1", null, owner));
        commands.sendAndWait(new MarkSeen(conversation, message, guest));
        commands.sendAndWait(new React(conversation, message, "thumbs_up", guest));

        List<? extends EventMessage<?>> events =
                eventStore.readEvents(conversation.toString(), 0).asStream().toList();
        assertThat(events)
                .extracting(e -> e.getPayloadType().getSimpleName())
                .containsExactly("ConversationStarted", "MessageSent", "MessagesSeen", "ReactionAdded");
        MetaData started = events.get(0).getMetaData();
        assertThat(started.get("userId")).isEqualTo(owner.toString());
        assertThat(started.get("correlationId")).isEqualTo("request-42");
        assertThat(started.get("causationId")).isEqualTo(start.getIdentifier());
        MetaData seen = events.get(2).getMetaData();
        assertThat(seen.get("userId")).isEqualTo(guest.toString());
        assertThat(seen.get("causationId")).isEqualTo(seen.get("correlationId"));
    }

    @Test
    void globalOrderOfTheStoreHasNoDuplicatePositions() {
        register(unique("order"));
        try (var stream = eventStore.openStream(null)) {
            List<Long> positions = new ArrayList<>();
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                positions.add(next.trackingToken().position().orElseThrow());
            }
            assertThat(positions).isNotEmpty().isSorted().doesNotHaveDuplicates();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoHundredConcurrentSendsGetSequencesOneToTwoHundredWithoutGapOrDuplicate() throws Exception {
        UUID owner = register(unique("busy"));
        UUID guest = register(unique("chatty"));
        UUID conversation = UUID.randomUUID();
        commands.sendAndWait(new StartConversation(conversation, "Busy", List.of(guest), owner));

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<MessageAccepted>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            UUID sender = i % 2 == 0 ? owner : guest;
            String content = "message " + i;
            sends.add(() -> commands.sendAndWait(
                    new SendMessage(conversation, UUID.randomUUID(), content, null, null, sender)));
        }
        List<Long> sequences = new ArrayList<>();
        try {
            for (Future<MessageAccepted> accepted : pool.invokeAll(sends)) {
                sequences.add(accepted.get().sequence());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sequences)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
        DomainEventStream stored = eventStore.readEvents(conversation.toString(), 0);
        assertThat(stored.asStream()
                        .filter(e -> e.getPayload() instanceof MessageSent)
                        .map(e -> ((MessageSent) e.getPayload()).sequence()))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void unknownConversationIsNotFound() {
        UUID someone = register(unique("lost"));
        assertThatThrownBy(() -> commands.sendAndWait(
                        new SendMessage(UUID.randomUUID(), UUID.randomUUID(), "anyone?", null, null, someone)))
                .satisfies(thrown -> assertThat(errorOf(thrown).code()).isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND));
    }

    @Test
    void rejectedCommandStoresNothing() {
        UUID owner = register(unique("strict"));
        UUID conversation = UUID.randomUUID();
        assertThatThrownBy(() -> commands.sendAndWait(new StartConversation(conversation, "Solo", List.of(), owner)))
                .satisfies(thrown -> {
                    CommandError error = errorOf(thrown);
                    assertThat(error.code()).isEqualTo(ErrorCode.MEMBERS_INVALID);
                    assertThat(error.field()).isEqualTo("memberIds");
                });
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                        .param(conversation.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void seedsTheEmojiCatalogOnce() {
        assertThat(jdbc.sql("SELECT emoji_key FROM command_emoji_keys")
                        .query(String.class)
                        .list())
                .contains("thumbs_up", "heart", "joy", "tada", "eyes", "fire", "pray", "rocket");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%EmojiDefined'")
                        .query(Long.class)
                        .single())
                .isEqualTo(8);
    }

    @Test
    void storesPayloadsAsByteaWithAGlobalIndexThatStepsByOne() {
        assertThat(jdbc.sql("SELECT DISTINCT data_type FROM information_schema.columns"
                                + " WHERE table_name IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry')"
                                + " AND column_name IN ('payload', 'meta_data', 'token')")
                        .query(String.class)
                        .list())
                .containsExactly("bytea");
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"
                                + " AND data_type = 'oid'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT increment_by || '/' || cache_size FROM pg_sequences"
                                + " WHERE sequencename = 'domain_event_entry_global_index_seq'")
                        .query(String.class)
                        .single())
                .isEqualTo("1/1");
    }
}

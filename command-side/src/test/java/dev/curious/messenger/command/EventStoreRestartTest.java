package dev.curious.messenger.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class EventStoreRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .web(WebApplicationType.NONE)
                .properties("messenger.embedded-postgres.data-dir=" + dataDir.resolve("postgres"))
                .run();
    }

    @Test
    void aRestartedApplicationKeepsTheHistoryAndContinuesTheSequence() {
        UUID owner = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new RegisterUser(owner, "restart-owner"));
            commands.sendAndWait(new RegisterUser(guest, "restart-guest"));
            commands.sendAndWait(new StartConversation(conversation, "Before", List.of(guest), owner));
            commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), "one", null, null, owner));
            commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), "two", null, null, guest));
        }
        try (ConfigurableApplicationContext second = start()) {
            EventStore events = second.getBean(EventStore.class);
            assertThat(events.readEvents(conversation.toString(), 0).asStream())
                    .extracting(e -> e.getPayloadType().getSimpleName())
                    .containsExactly("ConversationStarted", "MessageSent", "MessageSent");
            MessageAccepted third = second.getBean(CommandGateway.class)
                    .sendAndWait(new SendMessage(conversation, UUID.randomUUID(), "three", null, null, owner));
            assertThat(third.sequence()).isEqualTo(3);
        }
    }
}

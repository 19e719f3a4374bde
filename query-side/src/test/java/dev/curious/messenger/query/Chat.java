package dev.curious.messenger.query;

import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import dev.curious.messenger.query.replay.Replays;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Drives the real command side the way a client would, and waits for the read models to catch up. */
@Component
public class Chat {

    private final CommandGateway commands;
    private final Replays replays;
    private final EventStore eventStore;

    Chat(CommandGateway commands, Replays replays, EventStore eventStore) {
        this.commands = commands;
        this.replays = replays;
        this.eventStore = eventStore;
    }

    public UUID register(String nicknamePrefix) {
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new RegisterUser(id, nicknamePrefix + id.toString().substring(0, 6)));
        return id;
    }

    public UUID start(UUID owner, String title, UUID... members) {
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new StartConversation(id, title, List.of(members), owner));
        return id;
    }

    public UUID send(UUID conversation, UUID sender, String content) {
        MessageAccepted accepted =
                commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), content, null, null, sender));
        return accepted.messageId();
    }

    /** Sends a message that answers {@code replyTo}. */
    public UUID reply(UUID conversation, UUID sender, String content, UUID replyTo) {
        MessageAccepted accepted =
                commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), content, null, replyTo, sender));
        return accepted.messageId();
    }

    public <R> R command(Object command) {
        return commands.sendAndWait(command);
    }

    /** Waits until every processing group has processed everything stored so far. */
    public void awaitProjected() {
        long head = eventStore.createHeadToken().position().orElse(-1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ProcessingGroups.ALL.stream()
                        .map(replays::progress)
                        .allMatch(progress -> progress.position() >= head));
    }
}

package dev.curious.messenger.gateway.message;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.LocateMessageQuery;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.RemoveReaction;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.gateway.Awaiting;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Commands;
import dev.curious.messenger.gateway.Queries;
import dev.curious.messenger.gateway.Rejection;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What a member does with messages, the same from REST and from STOMP. */
@Service
public class Messaging {

    // A message sent a moment ago may not be in the read model yet when someone reacts to it.
    private static final Duration LOCATE_PATIENCE = Duration.ofSeconds(1);

    private final Commands commands;
    private final Queries queries;

    Messaging(Commands commands, Queries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public MessageAccepted send(Caller caller, UUID conversationId, String content, String clientMessageId) {
        return commands.send(
                caller, new SendMessage(conversationId, UUID.randomUUID(), content, clientMessageId, caller.userId()));
    }

    public void markSeen(Caller caller, UUID conversationId, UUID messageId) {
        if (messageId == null) {
            throw Rejection.invalid("messageId", "messageId is required");
        }
        commands.send(caller, new MarkSeen(conversationId, messageId, caller.userId()));
    }

    /** Adds or removes the caller's reaction; doing either twice stores nothing the second time. */
    public void react(Caller caller, UUID messageId, String emojiKey, boolean add) {
        UUID conversationId = Awaiting.visible(
                        () -> queries.optional(new LocateMessageQuery(messageId), MessageLocation.class),
                        LOCATE_PATIENCE)
                .map(MessageLocation::conversationId)
                .orElseThrow(() -> Rejection.notFound(ErrorCode.MESSAGE_NOT_FOUND, "No message " + messageId));
        commands.send(
                caller,
                add
                        ? new React(conversationId, messageId, emojiKey, caller.userId())
                        : new RemoveReaction(conversationId, messageId, emojiKey, caller.userId()));
    }
}

package dev.curious.messenger.gateway.message;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
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

    /** Sends a message, answering {@code replyTo} (a message of the same conversation) when not null. */
    public MessageAccepted send(
            Caller caller, UUID conversationId, String content, String clientMessageId, UUID replyTo) {
        return commands.send(
                caller,
                new SendMessage(conversationId, UUID.randomUUID(), content, clientMessageId, replyTo, caller.userId()));
    }

    /** Replaces the content of the caller's own message. */
    public void edit(Caller caller, UUID messageId, String content) {
        commands.send(caller, new EditMessage(conversationOf(messageId), messageId, content, caller.userId()));
    }

    /** Deletes the caller's own message, or as the conversation's owner anyone's; again: nothing new. */
    public void delete(Caller caller, UUID messageId) {
        commands.send(caller, new DeleteMessage(conversationOf(messageId), messageId, caller.userId()));
    }

    public void markSeen(Caller caller, UUID conversationId, UUID messageId) {
        if (messageId == null) {
            throw Rejection.invalid("messageId", "messageId is required");
        }
        commands.send(caller, new MarkSeen(conversationId, messageId, caller.userId()));
    }

    /** Adds or removes the caller's reaction; doing either twice stores nothing the second time. */
    public void react(Caller caller, UUID messageId, String emojiKey, boolean add) {
        UUID conversationId = conversationOf(messageId);
        commands.send(
                caller,
                add
                        ? new React(conversationId, messageId, emojiKey, caller.userId())
                        : new RemoveReaction(conversationId, messageId, emojiKey, caller.userId()));
    }

    /** The conversation of a message, which the command is addressed to; the aggregate then checks the caller. */
    private UUID conversationOf(UUID messageId) {
        return Awaiting.visible(
                        () -> queries.optional(new LocateMessageQuery(messageId), MessageLocation.class),
                        LOCATE_PATIENCE)
                .map(MessageLocation::conversationId)
                .orElseThrow(() -> Rejection.notFound(ErrorCode.MESSAGE_NOT_FOUND, "No message " + messageId));
    }
}

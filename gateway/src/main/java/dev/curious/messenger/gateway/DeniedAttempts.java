package dev.curious.messenger.gateway;

import dev.curious.messenger.api.audit.RecordAuditEntry;
import dev.curious.messenger.api.conversation.ConversationCommand;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes what a caller tried and was not allowed to do to the audit log, without making the caller wait. */
@Component
public class DeniedAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeniedAttempts.class);

    private final CommandGateway gateway;
    private final Clock clock;

    DeniedAttempts(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** A command refused by a rule: the action is the command's name. */
    void record(Caller caller, Object command, Rejection rejection) {
        UUID conversationId = command instanceof ConversationCommand c ? c.conversationId() : null;
        record(caller, command.getClass().getSimpleName(), conversationId, messageIdOf(command), rejection.code());
    }

    /** Any other refusal: a subscription to a conversation, a call that needs a role. */
    public void record(Caller caller, String action, UUID conversationId, UUID messageId, String reason) {
        gateway.send(new RecordAuditEntry(
                        clock.instant(),
                        caller.userId(),
                        action,
                        conversationId,
                        messageId,
                        "Denied",
                        caller.correlationId(),
                        reason))
                .exceptionally(failure -> {
                    log.warn("Could not record a denied {} by {}: {}", action, caller.userId(), failure.toString());
                    return null;
                });
    }

    private static UUID messageIdOf(Object command) {
        RecordComponent[] components = command.getClass().getRecordComponents();
        if (components != null) {
            for (RecordComponent component : components) {
                if (component.getName().equals("messageId") && component.getType() == UUID.class) {
                    try {
                        return (UUID) component.getAccessor().invoke(command);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}

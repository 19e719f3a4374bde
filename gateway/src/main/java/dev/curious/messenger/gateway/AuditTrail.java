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

/**
 * Writes to the audit log what no event stands for, without making the caller wait: what a caller tried and was not
 * allowed to do, and every audit query.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final CommandGateway gateway;
    private final Clock clock;

    AuditTrail(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * A command refused by a rule, under the command's name: {@code Denied} when the caller was not allowed,
     * {@code Rejected} when the command broke another rule.
     */
    void record(Caller caller, Object command, Rejection rejection) {
        UUID conversationId = command instanceof ConversationCommand c ? c.conversationId() : null;
        write(
                caller,
                command.getClass().getSimpleName(),
                conversationId,
                messageIdOf(command),
                rejection.denied() ? "Denied" : "Rejected",
                rejection.code());
    }

    /** Any other refusal: a subscription to a conversation, a call that needs a role. */
    public void record(Caller caller, String action, UUID conversationId, UUID messageId, String reason) {
        write(caller, action, conversationId, messageId, "Denied", reason);
    }

    /** An auditor's question: {@code what} is the call with its criteria. */
    public void auditQuery(Caller caller, UUID conversationId, String what) {
        write(caller, "AuditQuery", conversationId, null, "Answered", what);
    }

    private void write(
            Caller caller, String action, UUID conversationId, UUID messageId, String outcome, String detail) {
        gateway.send(new RecordAuditEntry(
                        clock.instant(),
                        caller.userId(),
                        action,
                        conversationId,
                        messageId,
                        outcome,
                        caller.correlationId(),
                        detail))
                .exceptionally(failure -> {
                    log.error(
                            "Could not record {} {} by {} in the audit log: {}",
                            outcome,
                            action,
                            caller.userId(),
                            failure.toString());
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

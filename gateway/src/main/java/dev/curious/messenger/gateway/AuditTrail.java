package dev.curious.messenger.gateway;

import dev.curious.messenger.api.audit.RecordAuditEntry;
import dev.curious.messenger.api.conversation.ConversationCommand;
import dev.curious.messenger.platform.Outage;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    private static final int ATTEMPTS = 7;

    private final CommandGateway gateway;
    private final Clock clock;
    private final Outage outage = new Outage(log, "The audit log (the query side, or Axon Server on the way)");

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
        send(
                new RecordAuditEntry(
                        clock.instant(),
                        caller.userId(),
                        action,
                        conversationId,
                        messageId,
                        outcome,
                        caller.correlationId(),
                        detail),
                1);
    }

    /**
     * Sends the entry; while the query side cannot take it (not registered yet at a deployment's start, Axon Server
     * away: nothing was recorded) again after 1, 2, 4, ... s, for about a minute, the outage logged once
     * ({@link Outage}), not per entry.
     */
    private void send(RecordAuditEntry entry, int attempt) {
        gateway.send(entry).whenComplete((result, failure) -> {
            if (failure == null) {
                outage.answered();
                return;
            }
            outage.failed(failure);
            // Only what was surely not recorded is sent again: a lost answer may have been, and a row twice lies.
            if (attempt < ATTEMPTS && Commands.neverApplied(failure)) {
                CompletableFuture.delayedExecutor(1L << (attempt - 1), TimeUnit.SECONDS)
                        .execute(() -> send(entry, attempt + 1));
            } else {
                log.error(
                        "Could not record {} {} by {} in the audit log (attempt {}): {}",
                        entry.outcome(),
                        entry.action(),
                        entry.actorId(),
                        attempt,
                        failure.toString());
            }
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

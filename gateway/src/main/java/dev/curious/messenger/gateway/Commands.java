package dev.curious.messenger.gateway;

import dev.curious.messenger.api.error.CommandError;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a caller's command and waits for its outcome: the command side's rejection becomes a {@link Rejection}
 * with the status of its rule, and is written to the audit log (as denied when the caller was not allowed).
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final CommandGateway gateway;
    private final AuditTrail auditTrail;
    private final long timeoutMillis;

    Commands(CommandGateway gateway, AuditTrail auditTrail, GatewayProperties properties) {
        this.gateway = gateway;
        this.auditTrail = auditTrail;
        this.timeoutMillis = properties.commandTimeout().toMillis();
    }

    /** The command's result once it is stored; a {@link Rejection} when a rule refuses it. */
    public <R> R send(Caller caller, Object command) {
        MetaData metaData = MetaData.with("correlationId", caller.correlationId());
        if (caller.userId() != null) {
            metaData = metaData.and("userId", caller.userId().toString());
        }
        try {
            return gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                    timeoutMillis,
                    TimeUnit.MILLISECONDS);
        } catch (CommandExecutionException e) {
            CommandError error = e.<CommandError>getDetails()
                    .filter(CommandError.class::isInstance)
                    .orElse(null);
            if (error == null) {
                // Not a rule but the infrastructure (the database or Axon Server unreachable): nothing was stored.
                log.warn("{} failed: {}", command.getClass().getSimpleName(), e.getMessage());
                throw Rejection.unavailable("The command could not be stored just now; nothing was changed, retry");
            }
            Rejection rejection = Rejection.of(error);
            auditTrail.record(caller, command, rejection);
            throw rejection;
        }
    }
}

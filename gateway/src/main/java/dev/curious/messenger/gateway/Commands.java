package dev.curious.messenger.gateway;

import dev.curious.messenger.api.error.CommandError;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends a caller's command and waits for its outcome: the command side's rejection becomes a {@link Rejection}
 * with the status of its rule, and a denied attempt is written to the audit log.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final DeniedAttempts deniedAttempts;
    private final long timeoutMillis;

    Commands(CommandGateway gateway, DeniedAttempts deniedAttempts, GatewayProperties properties) {
        this.gateway = gateway;
        this.deniedAttempts = deniedAttempts;
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
                    .orElseThrow(() -> e);
            Rejection rejection = Rejection.of(error);
            if (rejection.denied()) {
                deniedAttempts.record(caller, command, rejection);
            }
            throw rejection;
        }
    }
}

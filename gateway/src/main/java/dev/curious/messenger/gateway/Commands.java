package dev.curious.messenger.gateway;

import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorKind;
import dev.curious.messenger.platform.Outage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sends a caller's command and waits for its outcome: the command side's rejection becomes a {@link Rejection}
 * with the status of its rule, and is written to the audit log (as denied when the caller was not allowed). A
 * command that did not get through answers 503 with what is known: nothing changed when it never reached the
 * command side or was rolled back there; {@code OUTCOME_UNKNOWN} when its answer was lost on the way back.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final AuditTrail auditTrail;
    private final long timeoutMillis;
    private final Outage outage =
            new Outage(LoggerFactory.getLogger(Commands.class), "The command side (or Axon Server on the way)");

    Commands(CommandGateway gateway, AuditTrail auditTrail, GatewayProperties properties) {
        this.gateway = gateway;
        this.auditTrail = auditTrail;
        this.timeoutMillis = properties.commandTimeout().toMillis();
    }

    /** The command's result once it is stored; a {@link Rejection} when a rule refuses it or it did not get through. */
    public <R> R send(Caller caller, Object command) {
        MetaData metaData = MetaData.with("correlationId", caller.correlationId());
        if (caller.userId() != null) {
            metaData = metaData.and("userId", caller.userId().toString());
        }
        R result;
        try {
            result = gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                    timeoutMillis,
                    TimeUnit.MILLISECONDS);
        } catch (CommandExecutionException e) {
            CommandError error = e.<CommandError>getDetails()
                    .filter(CommandError.class::isInstance)
                    .orElse(null);
            if (error == null) {
                // Failed where no rule was asked (a timeout, the commit itself): it may have been applied.
                throw failed(e);
            }
            Rejection rejection = Rejection.of(error);
            if (error.code().kind() == ErrorKind.UNAVAILABLE) {
                outage.failed(e);
                throw rejection;
            }
            outage.answered();
            auditTrail.record(caller, command, rejection);
            throw rejection;
        } catch (RuntimeException e) {
            throw failed(e);
        }
        outage.answered();
        return result;
    }

    private Rejection failed(RuntimeException failure) {
        outage.failed(failure);
        return neverApplied(failure)
                ? Rejection.unavailable("The command could not be delivered just now; nothing was changed, retry")
                : Rejection.outcomeUnknown(
                        "The command was sent but its answer was lost: it may have been applied. Repeat the same"
                                + " call (a message with the same clientMessageId) to learn its outcome");
    }

    /**
     * Whether the failure shows that the command was never applied: it could not be sent (no connection to Axon
     * Server, no command side registered), or it was refused as a whole (a concurrent change to the same aggregate,
     * a transaction that could not begin). Any other failure after sending leaves the outcome unknown.
     */
    static boolean neverApplied(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NoHandlerForCommandException
                    || cause instanceof ConnectException
                    || cause instanceof ConcurrencyException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof CannotGetJdbcConnectionException) {
                return true;
            }
            // The Axon Server connector's answer to a call made while it has no channel at all: nothing was sent.
            if (cause instanceof StatusRuntimeException status
                    && status.getStatus().getCode() == Status.Code.UNAVAILABLE
                    && status.getStatus().getDescription() == null
                    && status.getCause() == null) {
                return true;
            }
        }
        return false;
    }
}

package dev.curious.messenger.gateway;

import io.axoniq.axonserver.connector.AxonServerException;
import io.axoniq.axonserver.connector.ErrorCategory;
import io.grpc.Status;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts the Axon Server connector's failures into the gateway's command path, on the real command bus: a call made
 * while it has no channel (nothing is sent), and an answer lost after the command side applied the command (the
 * connection cut before the answer came back), for the commands it waits for and (unreachable only) those it sends
 * without waiting. Off unless a test turns it on, for every command or the next few of a type.
 */
@TestConfiguration
public class CommandFaults {

    /** What happens to the commands the gateway waits for. */
    public enum Fault {
        NONE,
        UNREACHABLE,
        ANSWER_LOST
    }

    private static volatile Fault fault = Fault.NONE;
    private static volatile Class<?> only = Object.class;
    private static final AtomicInteger remaining = new AtomicInteger(-1);

    /** Every command from now on meets the fault ({@link Fault#NONE}: none does). */
    public static void always(Fault what) {
        only = Object.class;
        remaining.set(-1);
        fault = what;
    }

    /** The next {@code count} commands of the given type meet the fault, then none. */
    public static void next(int count, Class<?> commandType, Fault what) {
        only = commandType;
        remaining.set(count);
        fault = what;
    }

    private static Fault take(Object[] arguments) {
        Object command = arguments[0] instanceof CommandMessage<?> message ? message.getPayload() : arguments[0];
        if (fault == Fault.NONE || !only.isInstance(command)) {
            return Fault.NONE;
        }
        int left = remaining.get();
        if (left == -1) {
            return fault;
        }
        return left > 0 && remaining.compareAndSet(left, left - 1) ? fault : Fault.NONE;
    }

    @Bean
    static BeanPostProcessor faultyCommandGateway() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof CommandGateway real)) {
                    return bean;
                }
                return Proxy.newProxyInstance(
                        CommandGateway.class.getClassLoader(),
                        new Class<?>[] {CommandGateway.class},
                        (proxy, method, arguments) -> {
                            boolean waits = method.getName().equals("sendAndWait");
                            boolean sends = method.getName().equals("send") && arguments.length == 1;
                            Fault now = waits || sends ? take(arguments) : Fault.NONE;
                            if (sends && now == Fault.UNREACHABLE) {
                                return CompletableFuture.failedFuture(connectorFailure(Status.UNAVAILABLE));
                            }
                            if (now == Fault.UNREACHABLE) {
                                // What the connector answers when it has no channel to Axon Server.
                                throw new CompletionException(connectorFailure(Status.UNAVAILABLE));
                            }
                            Object result;
                            try {
                                result = method.invoke(real, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (waits && now == Fault.ANSWER_LOST) {
                                throw new CompletionException(connectorFailure(Status.UNAVAILABLE.withDescription(
                                        "Connection closed after GOAWAY. HTTP/2 error code: NO_ERROR")));
                            }
                            return result;
                        });
            }
        };
    }

    private static AxonServerException connectorFailure(Status status) {
        return new AxonServerException(
                ErrorCategory.COMMAND_DISPATCH_ERROR,
                "Received exception while dispatching command",
                "gateway-1",
                status.asRuntimeException());
    }
}

package dev.curious.messenger.gateway;

import dev.curious.messenger.platform.Outage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks the query side and waits, at most as long as a command may take. */
@Component
public class Queries {

    private final QueryGateway gateway;
    private final Outage outage =
            new Outage(LoggerFactory.getLogger(Queries.class), "The query side (or Axon Server on the way)");
    private final long timeoutMillis;

    Queries(QueryGateway gateway, GatewayProperties properties) {
        this.gateway = gateway;
        this.timeoutMillis = properties.commandTimeout().toMillis();
    }

    public <R> R one(Object query, Class<R> type) {
        return await(gateway.query(query, ResponseTypes.instanceOf(type)));
    }

    public <R> Optional<R> optional(Object query, Class<R> type) {
        return await(gateway.query(query, ResponseTypes.optionalInstanceOf(type)));
    }

    private <R> R await(CompletableFuture<R> answer) {
        try {
            R result = answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
            outage.answered();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Rejection.unavailable("Interrupted while reading");
        } catch (TimeoutException e) {
            outage.failed(e);
            throw Rejection.unavailable("The read models did not answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Rejection rejection) {
                throw rejection;
            }
            // The query side failed (its database unreachable, say): a retryable answer for the client; a read
            // changes nothing, so this 503 is always true.
            outage.failed(e.getCause());
            throw Rejection.unavailable("The read models cannot answer just now; retry shortly");
        }
    }
}

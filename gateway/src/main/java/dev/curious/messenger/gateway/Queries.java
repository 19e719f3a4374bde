package dev.curious.messenger.gateway;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks the query side and waits, at most as long as a command may take. */
@Component
public class Queries {

    private static final Logger log = LoggerFactory.getLogger(Queries.class);

    private final QueryGateway gateway;
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
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Rejection.unavailable("Interrupted while reading");
        } catch (TimeoutException e) {
            throw Rejection.unavailable("The read models did not answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Rejection rejection) {
                throw rejection;
            }
            // The query side failed (its database unreachable, say): logged, and a retryable answer for the client.
            log.warn("A query failed: {}", e.getCause().toString());
            throw Rejection.unavailable("The read models cannot answer just now; retry shortly");
        }
    }
}

package dev.curious.messenger.platform.axon;

import dev.curious.messenger.api.Command;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Gives every message caused by another the three keys of the contract's envelope: {@code userId} (who acted),
 * {@code correlationId} (the request everything belongs to) and {@code causationId} (the message that directly
 * caused it).
 */
class ActorCorrelationDataProvider implements CorrelationDataProvider {

    static final String USER_ID = "userId";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object userId = message.getMetaData().get(USER_ID);
        if (userId == null && message.getPayload() instanceof Command command && command.actorId() != null) {
            userId = command.actorId().toString();
        }
        if (userId != null) {
            data.put(USER_ID, userId.toString());
        }
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlationId != null ? correlationId.toString() : message.getIdentifier());
        data.put(CAUSATION_ID, message.getIdentifier());
        return data;
    }
}

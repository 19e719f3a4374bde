package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One stored event as analysts see it, the same on the NDJSON history and on Kafka: {@code type} is the event's
 * stable past-tense name, {@code version} its payload revision after upcasting, {@code position} its place in the
 * global order of the store.
 */
public record EventEnvelope(
        String eventId,
        String type,
        String version,
        String aggregateType,
        String aggregateId,
        Long sequence,
        Long position,
        Instant timestamp,
        JsonNode payload,
        Map<String, Object> metadata) {}

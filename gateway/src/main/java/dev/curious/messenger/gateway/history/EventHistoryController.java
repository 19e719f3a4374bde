package dev.curious.messenger.gateway.history;

import dev.curious.messenger.api.user.Role;
import dev.curious.messenger.gateway.Caller;
import dev.curious.messenger.gateway.Rejection;
import dev.curious.messenger.gateway.RoleCheck;
import dev.curious.messenger.platform.axon.EventEnvelopes;
import dev.curious.messenger.platform.axon.EventHistory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events}: the store's events in the order of their positions as NDJSON envelopes, written line by
 * line as {@link EventHistory} reads them, so that a stream of any length needs only a fetch batch in memory. The
 * stream ends at the store's head as it was when the request came, or after {@code limit} events.
 */
@RestController
class EventHistoryController {

    static final int DEFAULT_LIMIT = 100_000;
    static final int MAX_LIMIT = 10_000_000;
    private static final int FLUSH_EVERY = 500;

    private final EventHistory history;
    private final EventEnvelopes envelopes;
    private final ConversationStates states;
    private final RoleCheck roles;

    EventHistoryController(EventHistory history, EventEnvelopes envelopes, ConversationStates states, RoleCheck roles) {
        this.history = history;
        this.envelopes = envelopes;
        this.states = states;
        this.roles = roles;
    }

    @GetMapping("/api/events")
    void events(
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) UUID conversationId,
            @RequestParam(required = false) String type,
            Caller caller,
            HttpServletResponse response)
            throws IOException {
        roles.requireAny(caller, "GET /api/events", Role.ANALYST, Role.ADMIN);
        if (after != null && after < 0) {
            throw Rejection.invalid("after", "after is a position, 0 or more");
        }
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw Rejection.invalid("limit", "limit is 1 to " + MAX_LIMIT);
        }
        String aggregate = conversationId == null ? null : conversationId.toString();
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        int[] written = {0};
        try {
            history.read(after == null ? 0 : after, envelope -> {
                if ((type != null && !type.equals(envelope.type()))
                        || (aggregate != null && !aggregate.equals(envelope.aggregateId()))) {
                    return true;
                }
                out.write(envelopes.toJson(envelope));
                out.write('\n');
                if (++written[0] % FLUSH_EVERY == 0) {
                    out.flush();
                }
                return written[0] < max;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }

    /** The conversation as it stood at {@code asOf} (now when absent), rebuilt from its events; 404 before it began. */
    @GetMapping("/api/conversations/{id}/state")
    ConversationStates.State state(@PathVariable UUID id, @RequestParam(required = false) String asOf, Caller caller) {
        roles.requireAny(caller, "GET /api/conversations/{id}/state", Role.ANALYST, Role.ADMIN);
        Instant at;
        try {
            at = asOf == null ? Instant.now() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw Rejection.invalid("asOf", "asOf is an ISO-8601 UTC time such as 2026-11-21T10:15:30.123Z");
        }
        return states.asOf(id, at);
    }
}

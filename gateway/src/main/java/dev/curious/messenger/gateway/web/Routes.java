package dev.curious.messenger.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerMapping;

/** A request as the audit log names it: its method and route, ids left out (they go to columns of their own). */
public final class Routes {

    /** The longest route the audit log keeps. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern UUID_SEGMENT =
            Pattern.compile("(?<=/)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)");
    private static final Pattern CONVERSATION = Pattern.compile("/conversations/([0-9a-fA-F-]{36})(?:/|$)");

    private Routes() {}

    /**
     * {@code GET /api/audit/conversations/{id}/messages}: the matched route template; where no handler has matched
     * yet (a refusal by the security filters) the path with every id replaced by {@code {id}}.
     */
    public static String of(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = pattern != null
                ? pattern.toString()
                : UUID_SEGMENT.matcher(request.getRequestURI()).replaceAll("{id}");
        String route = request.getMethod() + " " + path;
        return route.length() > MAX_LENGTH ? route.substring(0, MAX_LENGTH) : route;
    }

    /** The conversation a path names, when it names one. */
    public static Optional<UUID> conversationId(HttpServletRequest request) {
        Matcher conversation = CONVERSATION.matcher(request.getRequestURI());
        try {
            return conversation.find() ? Optional.of(UUID.fromString(conversation.group(1))) : Optional.empty();
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}

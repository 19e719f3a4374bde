package dev.curious.messenger.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: the client's {@code X-Request-Id} (up to 64 letters, digits, '-', '_', '.') or a
 * new one.
 */
public final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {}

    public static String of(HttpServletRequest request) {
        String requestId = request == null ? null : request.getHeader(HEADER);
        return requestId != null && SAFE_ID.matcher(requestId).matches()
                ? requestId
                : UUID.randomUUID().toString();
    }
}

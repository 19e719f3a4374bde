package dev.curious.messenger.api.error;

/**
 * What the gateway refuses before any command is sent, beside the command side's {@link ErrorCode}s: the
 * {@code code} of the problem document or error frame, with its status and title.
 */
public enum GatewayErrorCode {
    INPUT_INVALID(400, "Input invalid"),
    MALFORMED(400, "Malformed request"),
    FRAME_NOT_ALLOWED(400, "Frame not allowed"),
    UNAUTHENTICATED(401, "Unauthenticated"),
    FORBIDDEN(403, "Forbidden"),
    FRAMES_GONE(410, "Gone"),
    TOO_LARGE(413, "Content too large"),
    RATE_LIMITED(429, "Too many requests"),
    SUBSCRIPTION_LIMIT(429, "Too many subscriptions"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    GatewayErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}

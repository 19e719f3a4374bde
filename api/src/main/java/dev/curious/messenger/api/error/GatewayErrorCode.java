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
    /** A service the call needs cannot be reached: nothing was changed. */
    UNAVAILABLE(503, "Service unavailable"),
    /** The answer of a forwarded command was lost: it may have been applied; the same call repeated tells. */
    OUTCOME_UNKNOWN(503, "Outcome unknown");

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

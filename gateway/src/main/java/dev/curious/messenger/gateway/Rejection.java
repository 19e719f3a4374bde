package dev.curious.messenger.gateway;

import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * A request refused with one of the contract's statuses; REST answers it as a problem document and STOMP as an
 * error frame, with the same status, title and detail.
 */
public final class Rejection extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The field at fault and what is wrong with it. */
    public record Violation(String field, String message) {}

    private final int status;
    private final String code;
    private final String title;
    private final transient List<Violation> violations;
    private final Long oldestFrameSeq;

    private Rejection(int status, String code, String title, String detail, List<Violation> violations) {
        this(status, code, title, detail, violations, null);
    }

    private Rejection(
            int status, String code, String title, String detail, List<Violation> violations, Long oldestFrameSeq) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.violations = violations;
        this.oldestFrameSeq = oldestFrameSeq;
    }

    /** The command side's rejection, with the status of its kind of rule. */
    public static Rejection of(CommandError error) {
        ErrorCode code = error.code();
        int status =
                switch (code.kind()) {
                    case INVALID -> 400;
                    case FORBIDDEN -> 403;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                };
        List<Violation> violations =
                error.field() == null ? List.of() : List.of(new Violation(error.field(), error.message()));
        return new Rejection(status, code.name(), titleOf(code.name()), error.message(), violations);
    }

    /** Input the gateway refuses before any command is sent. */
    public static Rejection invalid(String field, String message) {
        return new Rejection(400, "INPUT_INVALID", "Input invalid", message, List.of(new Violation(field, message)));
    }

    public static Rejection invalid(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).message() : "The request has invalid fields";
        return new Rejection(400, "INPUT_INVALID", "Input invalid", detail, List.copyOf(violations));
    }

    public static Rejection malformed(String detail) {
        return new Rejection(400, "MALFORMED", "Malformed request", detail, List.of());
    }

    /** A STOMP frame of a command that only the server sends ({@code MESSAGE}, {@code ERROR}, ...). */
    public static Rejection frameNotAllowed(String detail) {
        return new Rejection(400, "FRAME_NOT_ALLOWED", "Frame not allowed", detail, List.of());
    }

    /** A STOMP session that asks for more subscriptions than it may hold. */
    public static Rejection subscriptionLimit(String detail) {
        return new Rejection(429, "SUBSCRIPTION_LIMIT", "Too many subscriptions", detail, List.of());
    }

    /** Frames asked for are past the retention: {@code oldestFrameSeq} is the first still kept. */
    public static Rejection gone(String detail, long oldestFrameSeq) {
        return new Rejection(410, "FRAMES_GONE", "Gone", detail, List.of(), oldestFrameSeq);
    }

    public static Rejection unauthenticated(String detail) {
        return new Rejection(401, "UNAUTHENTICATED", "Unauthenticated", detail, List.of());
    }

    public static Rejection forbidden(String detail) {
        return new Rejection(403, "FORBIDDEN", "Forbidden", detail, List.of());
    }

    public static Rejection notFound(ErrorCode code, String detail) {
        return new Rejection(404, code.name(), titleOf(code.name()), detail, List.of());
    }

    public static Rejection tooLarge(String detail) {
        return new Rejection(413, "TOO_LARGE", "Content too large", detail, List.of());
    }

    public static Rejection rateLimited(String detail) {
        return new Rejection(429, "RATE_LIMITED", "Too many requests", detail, List.of());
    }

    public static Rejection unavailable(String detail) {
        return new Rejection(503, "UNAVAILABLE", "Service unavailable", detail, List.of());
    }

    /** With a 410 for frames: the first frame still kept; null otherwise. */
    public Long oldestFrameSeq() {
        return oldestFrameSeq;
    }

    public int status() {
        return status;
    }

    /** The rule behind the rejection ({@code CONVERSATION_CLOSED}, {@code INPUT_INVALID}, ...), stable for clients. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Whether the caller tried something they may not do: such attempts are written to the audit log. */
    public boolean denied() {
        return status == 403 || code.equals(ErrorCode.NOT_A_MEMBER.name());
    }

    /** {@code CONVERSATION_CLOSED} reads "Conversation closed". */
    private static String titleOf(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

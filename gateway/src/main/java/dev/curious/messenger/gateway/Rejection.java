package dev.curious.messenger.gateway;

import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.error.ErrorKind;
import dev.curious.messenger.api.error.GatewayErrorCode;
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

    private Rejection(GatewayErrorCode code, String detail, List<Violation> violations, Long oldestFrameSeq) {
        this(code.status(), code.name(), code.title(), detail, violations, oldestFrameSeq);
    }

    private static Rejection of(GatewayErrorCode code, String detail) {
        return new Rejection(code, detail, List.of(), null);
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
        if (code.kind() == ErrorKind.UNAVAILABLE) {
            // Not a rule: the client is told what every other refusal for an outage says.
            return unavailable(error.message());
        }
        List<Violation> violations =
                error.field() == null ? List.of() : List.of(new Violation(error.field(), error.message()));
        return new Rejection(code.kind().status(), code.name(), titleOf(code.name()), error.message(), violations);
    }

    /** Input the gateway refuses before any command is sent. */
    public static Rejection invalid(String field, String message) {
        return new Rejection(GatewayErrorCode.INPUT_INVALID, message, List.of(new Violation(field, message)), null);
    }

    public static Rejection invalid(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).message() : "The request has invalid fields";
        return new Rejection(GatewayErrorCode.INPUT_INVALID, detail, List.copyOf(violations), null);
    }

    public static Rejection malformed(String detail) {
        return of(GatewayErrorCode.MALFORMED, detail);
    }

    /** A STOMP frame of a command that only the server sends ({@code MESSAGE}, {@code ERROR}, ...). */
    public static Rejection frameNotAllowed(String detail) {
        return of(GatewayErrorCode.FRAME_NOT_ALLOWED, detail);
    }

    /** A STOMP session that asks for more subscriptions than it may hold. */
    public static Rejection subscriptionLimit(String detail) {
        return of(GatewayErrorCode.SUBSCRIPTION_LIMIT, detail);
    }

    /** Frames asked for are past the retention: {@code oldestFrameSeq} is the first still kept. */
    public static Rejection gone(String detail, long oldestFrameSeq) {
        return new Rejection(GatewayErrorCode.FRAMES_GONE, detail, List.of(), oldestFrameSeq);
    }

    public static Rejection unauthenticated(String detail) {
        return of(GatewayErrorCode.UNAUTHENTICATED, detail);
    }

    public static Rejection forbidden(String detail) {
        return of(GatewayErrorCode.FORBIDDEN, detail);
    }

    public static Rejection notFound(ErrorCode code, String detail) {
        return new Rejection(404, code.name(), titleOf(code.name()), detail, List.of());
    }

    public static Rejection tooLarge(String detail) {
        return of(GatewayErrorCode.TOO_LARGE, detail);
    }

    public static Rejection rateLimited(String detail) {
        return of(GatewayErrorCode.RATE_LIMITED, detail);
    }

    /** A service the call needs cannot be reached: nothing was changed, the client may retry. */
    public static Rejection unavailable(String detail) {
        return of(GatewayErrorCode.UNAVAILABLE, detail);
    }

    /** A command was sent but its answer lost: the client repeats the same call, which answers as the first would. */
    public static Rejection outcomeUnknown(String detail) {
        return of(GatewayErrorCode.OUTCOME_UNKNOWN, detail);
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

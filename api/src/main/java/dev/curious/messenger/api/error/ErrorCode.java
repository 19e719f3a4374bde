package dev.curious.messenger.api.error;

/** Every rule the command side can reject a command for, each with its kind. */
public enum ErrorCode {
    NICKNAME_INVALID(ErrorKind.INVALID),
    NICKNAME_TAKEN(ErrorKind.CONFLICT),
    USER_NOT_FOUND(ErrorKind.NOT_FOUND),
    ROLE_INVALID(ErrorKind.INVALID),
    ADMIN_REQUIRED(ErrorKind.FORBIDDEN),
    LAST_ADMIN_ROLE(ErrorKind.CONFLICT),
    TITLE_INVALID(ErrorKind.INVALID),
    MEMBERS_INVALID(ErrorKind.INVALID),
    MEMBER_UNKNOWN(ErrorKind.INVALID),
    CONVERSATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    NOT_A_MEMBER(ErrorKind.NOT_FOUND),
    MEMBER_NOT_FOUND(ErrorKind.NOT_FOUND),
    NOT_OWNER(ErrorKind.FORBIDDEN),
    OWNER_CANNOT_LEAVE(ErrorKind.CONFLICT),
    CONVERSATION_CLOSED(ErrorKind.CONFLICT),
    CONTENT_INVALID(ErrorKind.INVALID),
    CLIENT_MESSAGE_ID_INVALID(ErrorKind.INVALID),
    MESSAGE_NOT_FOUND(ErrorKind.NOT_FOUND),
    MESSAGE_DELETED(ErrorKind.CONFLICT),
    REPLY_INVALID(ErrorKind.INVALID),
    NOT_SENDER(ErrorKind.FORBIDDEN),
    EMOJI_INVALID(ErrorKind.INVALID),
    EMOJI_UNKNOWN(ErrorKind.NOT_FOUND),
    EMOJI_EXISTS(ErrorKind.CONFLICT),
    RETENTION_INVALID(ErrorKind.INVALID),
    HOLD_REASON_INVALID(ErrorKind.INVALID),
    AUDITOR_REQUIRED(ErrorKind.FORBIDDEN),
    ALREADY_ON_HOLD(ErrorKind.CONFLICT),
    NOT_ON_HOLD(ErrorKind.CONFLICT),
    ALREADY_EXISTS(ErrorKind.CONFLICT),
    /** The command failed while it was handled (its database or event store away): rolled back, nothing stored. */
    NOT_APPLIED(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** Whether the caller sent bad input, was not allowed, asked for nothing, or hit the current state. */
    public ErrorKind kind() {
        return kind;
    }
}

package dev.curious.messenger.api.error;

/** The class of a rejection; REST and STOMP turn each kind into one status. */
public enum ErrorKind {
    INVALID(400),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    /** Not a rule: the command side could not do the work just now and rolled it back, so nothing was stored. */
    UNAVAILABLE(503);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    /** The HTTP status that REST answers and STOMP error frames carry for this kind. */
    public int status() {
        return status;
    }
}

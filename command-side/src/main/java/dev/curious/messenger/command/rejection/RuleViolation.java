package dev.curious.messenger.command.rejection;

import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;

/** A command broke a rule of the contract; each rule has its own subtype and exactly one error code. */
public abstract class RuleViolation extends RuntimeException {

    private final transient CommandError error;

    protected RuleViolation(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.error = new CommandError(code, field, message);
    }

    /** The details that cross the command bus. */
    public CommandError error() {
        return error;
    }
}

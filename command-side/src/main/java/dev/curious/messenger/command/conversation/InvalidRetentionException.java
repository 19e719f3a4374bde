package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Retention is a whole number of days, 1 to 36,500. */
public class InvalidRetentionException extends RuleViolation {

    public InvalidRetentionException(String message) {
        super(ErrorCode.RETENTION_INVALID, "days", message);
    }
}

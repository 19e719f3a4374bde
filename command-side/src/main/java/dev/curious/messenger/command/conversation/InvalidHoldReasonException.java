package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A legal hold says why, in 1 to 500 characters. */
public class InvalidHoldReasonException extends RuleViolation {

    public InvalidHoldReasonException(String message) {
        super(ErrorCode.HOLD_REASON_INVALID, "reason", message);
    }
}

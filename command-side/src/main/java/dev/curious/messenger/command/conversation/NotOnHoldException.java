package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The conversation is not on legal hold. */
public class NotOnHoldException extends RuleViolation {

    public NotOnHoldException(String message) {
        super(ErrorCode.NOT_ON_HOLD, null, message);
    }
}

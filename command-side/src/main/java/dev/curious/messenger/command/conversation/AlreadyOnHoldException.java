package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The conversation is on legal hold already. */
public class AlreadyOnHoldException extends RuleViolation {

    public AlreadyOnHoldException(String message) {
        super(ErrorCode.ALREADY_ON_HOLD, null, message);
    }
}

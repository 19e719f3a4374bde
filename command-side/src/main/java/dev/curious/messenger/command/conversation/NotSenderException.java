package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Only the sender may change their message. */
class NotSenderException extends RuleViolation {

    NotSenderException(String message) {
        super(ErrorCode.NOT_SENDER, null, message);
    }
}

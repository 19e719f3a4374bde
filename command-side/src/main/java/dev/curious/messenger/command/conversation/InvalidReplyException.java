package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A reply names a message that is not of this conversation. */
class InvalidReplyException extends RuleViolation {

    InvalidReplyException(String message) {
        super(ErrorCode.REPLY_INVALID, "replyTo", message);
    }
}

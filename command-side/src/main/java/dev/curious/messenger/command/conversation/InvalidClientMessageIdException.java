package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A client message id is blank or longer than 64 characters. */
class InvalidClientMessageIdException extends RuleViolation {

    InvalidClientMessageIdException(String message) {
        super(ErrorCode.CLIENT_MESSAGE_ID_INVALID, "clientMessageId", message);
    }
}

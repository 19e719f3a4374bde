package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A message id was used before in the conversation. */
class DuplicateMessageIdException extends RuleViolation {

    DuplicateMessageIdException(String message) {
        super(ErrorCode.ALREADY_EXISTS, "messageId", message);
    }
}

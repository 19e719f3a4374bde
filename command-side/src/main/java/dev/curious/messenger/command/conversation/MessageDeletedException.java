package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The message was deleted. */
class MessageDeletedException extends RuleViolation {

    MessageDeletedException(String message) {
        super(ErrorCode.MESSAGE_DELETED, "messageId", message);
    }
}

package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The message is not part of the conversation. */
class MessageNotFoundException extends RuleViolation {

    MessageNotFoundException(String message) {
        super(ErrorCode.MESSAGE_NOT_FOUND, "messageId", message);
    }
}

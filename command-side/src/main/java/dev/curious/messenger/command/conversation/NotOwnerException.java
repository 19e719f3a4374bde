package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Only the owner may do this. */
class NotOwnerException extends RuleViolation {

    NotOwnerException(String message) {
        super(ErrorCode.NOT_OWNER, null, message);
    }
}

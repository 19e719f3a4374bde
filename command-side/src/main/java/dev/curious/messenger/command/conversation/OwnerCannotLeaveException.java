package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The owner cannot leave; a conversation always has exactly one owner. */
class OwnerCannotLeaveException extends RuleViolation {

    OwnerCannotLeaveException(String message) {
        super(ErrorCode.OWNER_CANNOT_LEAVE, "userId", message);
    }
}

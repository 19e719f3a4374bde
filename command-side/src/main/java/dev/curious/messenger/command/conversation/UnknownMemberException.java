package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A member to add is not a registered user. */
class UnknownMemberException extends RuleViolation {

    UnknownMemberException(String message) {
        super(ErrorCode.MEMBER_UNKNOWN, "memberIds", message);
    }
}

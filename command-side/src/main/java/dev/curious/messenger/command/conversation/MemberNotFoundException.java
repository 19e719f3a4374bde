package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The user to remove is not a member. */
class MemberNotFoundException extends RuleViolation {

    MemberNotFoundException(String message) {
        super(ErrorCode.MEMBER_NOT_FOUND, "userId", message);
    }
}

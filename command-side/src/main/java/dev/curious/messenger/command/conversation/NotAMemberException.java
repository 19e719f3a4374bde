package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The actor is not a member, so the conversation is not visible to them. */
class NotAMemberException extends RuleViolation {

    NotAMemberException(String message) {
        super(ErrorCode.NOT_A_MEMBER, null, message);
    }
}

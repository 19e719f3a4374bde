package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A conversation needs at least two distinct members. */
class InvalidMembersException extends RuleViolation {

    InvalidMembersException(String message) {
        super(ErrorCode.MEMBERS_INVALID, "memberIds", message);
    }
}

package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A role that cannot be granted or revoked (every user keeps USER). */
class InvalidRoleException extends RuleViolation {

    InvalidRoleException(String message) {
        super(ErrorCode.ROLE_INVALID, "role", message);
    }
}

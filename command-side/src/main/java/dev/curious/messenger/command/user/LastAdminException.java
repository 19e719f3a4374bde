package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Revoking the role would leave the system without an admin. */
class LastAdminException extends RuleViolation {

    LastAdminException(String message) {
        super(ErrorCode.LAST_ADMIN_ROLE, "role", message);
    }
}

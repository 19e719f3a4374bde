package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Only an admin may do this. */
public class AdminRequiredException extends RuleViolation {

    public AdminRequiredException(String message) {
        super(ErrorCode.ADMIN_REQUIRED, null, message);
    }
}

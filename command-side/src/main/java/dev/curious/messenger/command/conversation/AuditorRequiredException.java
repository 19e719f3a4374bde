package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Only an auditor or an admin places or releases a legal hold. */
public class AuditorRequiredException extends RuleViolation {

    public AuditorRequiredException(String message) {
        super(ErrorCode.AUDITOR_REQUIRED, null, message);
    }
}

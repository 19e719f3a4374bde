package dev.curious.messenger.command.compliance;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The rules of retention and legal hold that a command can break: one type per rule, named after its error code. */
public final class ComplianceRejections {

    private ComplianceRejections() {}

    /** The conversation is on legal hold already. */
    public static final class AlreadyOnHold extends RuleViolation {
        AlreadyOnHold(String message) {
            super(ErrorCode.ALREADY_ON_HOLD, null, message);
        }
    }

    /** Only an auditor or an admin places or releases a legal hold. */
    public static final class AuditorRequired extends RuleViolation {
        AuditorRequired(String message) {
            super(ErrorCode.AUDITOR_REQUIRED, null, message);
        }
    }

    /** A legal hold says why, in 1 to 500 characters. */
    public static final class HoldReasonInvalid extends RuleViolation {
        HoldReasonInvalid(String message) {
            super(ErrorCode.HOLD_REASON_INVALID, "reason", message);
        }
    }

    /** The conversation is not on legal hold. */
    public static final class NotOnHold extends RuleViolation {
        NotOnHold(String message) {
            super(ErrorCode.NOT_ON_HOLD, null, message);
        }
    }

    /** Retention is a whole number of days, 1 to 36,500. */
    public static final class RetentionInvalid extends RuleViolation {
        RetentionInvalid(String message) {
            super(ErrorCode.RETENTION_INVALID, "days", message);
        }
    }
}

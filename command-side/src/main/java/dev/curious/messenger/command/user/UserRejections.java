package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The rules of a user's commands that a command can break: one type per rule, named after its one error code. */
public final class UserRejections {

    private UserRejections() {}

    /** Only an admin may do this. */
    public static final class AdminRequired extends RuleViolation {
        public AdminRequired(String message) {
            super(ErrorCode.ADMIN_REQUIRED, null, message);
        }
    }

    /** Revoking the role would leave the system without an admin. */
    static final class LastAdminRole extends RuleViolation {
        LastAdminRole(String message) {
            super(ErrorCode.LAST_ADMIN_ROLE, "role", message);
        }
    }

    /** A nickname breaks the format rules. */
    static final class NicknameInvalid extends RuleViolation {
        NicknameInvalid(String message) {
            super(ErrorCode.NICKNAME_INVALID, "nickname", message);
        }
    }

    /** Another user has the nickname, ignoring case and look-alike characters. */
    static final class NicknameTaken extends RuleViolation {
        NicknameTaken(String message) {
            super(ErrorCode.NICKNAME_TAKEN, "nickname", message);
        }
    }

    /** A role that cannot be granted or revoked (every user keeps USER). */
    static final class RoleInvalid extends RuleViolation {
        RoleInvalid(String message) {
            super(ErrorCode.ROLE_INVALID, "role", message);
        }
    }
}

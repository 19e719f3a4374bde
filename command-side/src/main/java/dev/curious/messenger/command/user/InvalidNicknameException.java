package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A nickname breaks the format rules. */
class InvalidNicknameException extends RuleViolation {

    InvalidNicknameException(String message) {
        super(ErrorCode.NICKNAME_INVALID, "nickname", message);
    }
}

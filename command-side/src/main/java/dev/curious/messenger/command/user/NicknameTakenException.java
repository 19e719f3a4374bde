package dev.curious.messenger.command.user;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Another user has the nickname, ignoring case and look-alike characters. */
class NicknameTakenException extends RuleViolation {

    NicknameTakenException(String message) {
        super(ErrorCode.NICKNAME_TAKEN, "nickname", message);
    }
}

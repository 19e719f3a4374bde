package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** A title is empty, too long or holds control characters. */
class InvalidTitleException extends RuleViolation {

    InvalidTitleException(String message) {
        super(ErrorCode.TITLE_INVALID, "title", message);
    }
}

package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** Message content is empty, too long or holds control characters. */
class InvalidContentException extends RuleViolation {

    InvalidContentException(String message) {
        super(ErrorCode.CONTENT_INVALID, "content", message);
    }
}

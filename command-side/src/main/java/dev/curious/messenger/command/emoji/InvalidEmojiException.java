package dev.curious.messenger.command.emoji;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** An emoji key or its unicode breaks the format rules. */
class InvalidEmojiException extends RuleViolation {

    InvalidEmojiException(String message) {
        super(ErrorCode.EMOJI_INVALID, "emojiKey", message);
    }
}

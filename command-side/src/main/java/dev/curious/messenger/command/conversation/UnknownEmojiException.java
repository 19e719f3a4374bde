package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The emoji key is not in the catalog. */
class UnknownEmojiException extends RuleViolation {

    UnknownEmojiException(String message) {
        super(ErrorCode.EMOJI_UNKNOWN, "emojiKey", message);
    }
}

package dev.curious.messenger.command.emoji;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The catalog has the key already. */
class EmojiExistsException extends RuleViolation {

    EmojiExistsException(String message) {
        super(ErrorCode.EMOJI_EXISTS, "emojiKey", message);
    }
}

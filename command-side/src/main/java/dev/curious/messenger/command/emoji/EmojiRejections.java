package dev.curious.messenger.command.emoji;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The rules of the emoji catalog's commands that a command can break: one type per rule, named after its one error code. */
final class EmojiRejections {

    private EmojiRejections() {}

    /** The catalog has the key already. */
    static final class EmojiExists extends RuleViolation {
        EmojiExists(String message) {
            super(ErrorCode.EMOJI_EXISTS, "emojiKey", message);
        }
    }

    /** An emoji key or its unicode breaks the format rules. */
    static final class EmojiInvalid extends RuleViolation {
        EmojiInvalid(String message) {
            super(ErrorCode.EMOJI_INVALID, "emojiKey", message);
        }
    }
}

package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The conversation is closed and accepts nothing but marking seen. */
class ConversationClosedException extends RuleViolation {

    ConversationClosedException(String message) {
        super(ErrorCode.CONVERSATION_CLOSED, null, message);
    }
}

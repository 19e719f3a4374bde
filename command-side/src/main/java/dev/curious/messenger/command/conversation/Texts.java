package dev.curious.messenger.command.conversation;

import dev.curious.messenger.command.conversation.ConversationRejections.ClientMessageIdInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.ContentInvalid;
import dev.curious.messenger.command.conversation.ConversationRejections.TitleInvalid;

/** The contract's rules for the texts people type: titles, message content, client message ids. */
final class Texts {

    static final int MAX_TITLE = 100;
    static final int MAX_CONTENT = 4000;
    static final int MAX_CLIENT_MESSAGE_ID = 64;

    private Texts() {}

    /** The title as stored: trimmed, 1 to 100 characters, no control characters. */
    static String title(String title) {
        String trimmed = title == null ? "" : title.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_TITLE) {
            throw new TitleInvalid("A title has 1 to " + MAX_TITLE + " characters after trimming");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new TitleInvalid("A title holds no control characters");
        }
        return trimmed;
    }

    /** The content as stored: trimmed, 1 to 4000 characters, no control characters but new lines and tabs. */
    static String content(String content) {
        String trimmed = content == null ? "" : content.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < 1 || length > MAX_CONTENT) {
            throw new ContentInvalid("A message has 1 to " + MAX_CONTENT + " characters after trimming");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new ContentInvalid("A message holds no control characters except new lines and tabs");
        }
        return trimmed;
    }

    /** A client message id is optional, but when given it is 1 to 64 characters. */
    static String clientMessageId(String clientMessageId) {
        if (clientMessageId == null) {
            return null;
        }
        if (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID) {
            throw new ClientMessageIdInvalid("A client message id has 1 to " + MAX_CLIENT_MESSAGE_ID + " characters");
        }
        return clientMessageId;
    }
}

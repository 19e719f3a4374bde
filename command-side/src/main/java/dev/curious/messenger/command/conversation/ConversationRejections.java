package dev.curious.messenger.command.conversation;

import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.command.rejection.RuleViolation;

/** The rules of a conversation's commands that a command can break: one type per rule, named after its one error code. */
final class ConversationRejections {

    private ConversationRejections() {}

    /** A message id was used before in the conversation. */
    static final class AlreadyExists extends RuleViolation {
        AlreadyExists(String message) {
            super(ErrorCode.ALREADY_EXISTS, "messageId", message);
        }
    }

    /** A client message id is blank or longer than 64 characters. */
    static final class ClientMessageIdInvalid extends RuleViolation {
        ClientMessageIdInvalid(String message) {
            super(ErrorCode.CLIENT_MESSAGE_ID_INVALID, "clientMessageId", message);
        }
    }

    /** Message content is empty, too long or holds control characters. */
    static final class ContentInvalid extends RuleViolation {
        ContentInvalid(String message) {
            super(ErrorCode.CONTENT_INVALID, "content", message);
        }
    }

    /** The conversation is closed and accepts nothing but marking seen. */
    static final class ConversationClosed extends RuleViolation {
        ConversationClosed(String message) {
            super(ErrorCode.CONVERSATION_CLOSED, null, message);
        }
    }

    /** The emoji key is not in the catalog. */
    static final class EmojiUnknown extends RuleViolation {
        EmojiUnknown(String message) {
            super(ErrorCode.EMOJI_UNKNOWN, "emojiKey", message);
        }
    }

    /** The user to remove is not a member. */
    static final class MemberNotFound extends RuleViolation {
        MemberNotFound(String message) {
            super(ErrorCode.MEMBER_NOT_FOUND, "userId", message);
        }
    }

    /** A member to add is not a registered user. */
    static final class MemberUnknown extends RuleViolation {
        MemberUnknown(String message) {
            super(ErrorCode.MEMBER_UNKNOWN, "memberIds", message);
        }
    }

    /** A conversation needs at least two distinct members. */
    static final class MembersInvalid extends RuleViolation {
        MembersInvalid(String message) {
            super(ErrorCode.MEMBERS_INVALID, "memberIds", message);
        }
    }

    /** The message was deleted. */
    static final class MessageDeleted extends RuleViolation {
        MessageDeleted(String message) {
            super(ErrorCode.MESSAGE_DELETED, "messageId", message);
        }
    }

    /** The message is not part of the conversation. */
    static final class MessageNotFound extends RuleViolation {
        MessageNotFound(String message) {
            super(ErrorCode.MESSAGE_NOT_FOUND, "messageId", message);
        }
    }

    /** The actor is not a member, so the conversation is not visible to them. */
    static final class NotAMember extends RuleViolation {
        NotAMember(String message) {
            super(ErrorCode.NOT_A_MEMBER, null, message);
        }
    }

    /** Only the owner may do this. */
    static final class NotOwner extends RuleViolation {
        NotOwner(String message) {
            super(ErrorCode.NOT_OWNER, null, message);
        }
    }

    /** Only the sender may change their message. */
    static final class NotSender extends RuleViolation {
        NotSender(String message) {
            super(ErrorCode.NOT_SENDER, null, message);
        }
    }

    /** The owner cannot leave; a conversation always has exactly one owner. */
    static final class OwnerCannotLeave extends RuleViolation {
        OwnerCannotLeave(String message) {
            super(ErrorCode.OWNER_CANNOT_LEAVE, "userId", message);
        }
    }

    /** A reply names a message that is not of this conversation. */
    static final class ReplyInvalid extends RuleViolation {
        ReplyInvalid(String message) {
            super(ErrorCode.REPLY_INVALID, "replyTo", message);
        }
    }

    /** A title is empty, too long or holds control characters. */
    static final class TitleInvalid extends RuleViolation {
        TitleInvalid(String message) {
            super(ErrorCode.TITLE_INVALID, "title", message);
        }
    }
}

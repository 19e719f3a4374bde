package dev.curious.messenger.query.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code chat_conversation_members}: membership, ownership, how far the member has seen, unread count. */
@Entity
@Table(name = "chat_conversation_members")
@IdClass(MemberRecord.Key.class)
class MemberRecord {

    @Id
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "conversation_id")
    private ConversationRecord conversation;

    @Id
    private UUID userId;

    private boolean owner;
    private Instant joinedAt;
    private long seenUpTo;
    private long unreadCount;

    protected MemberRecord() {}

    MemberRecord(ConversationRecord conversation, UUID userId, boolean owner, Instant joinedAt, long unreadCount) {
        this.conversation = conversation;
        this.userId = userId;
        this.owner = owner;
        this.joinedAt = joinedAt;
        this.unreadCount = unreadCount;
    }

    UUID userId() {
        return userId;
    }

    long seenUpTo() {
        return seenUpTo;
    }

    void countUnread() {
        unreadCount++;
    }

    void seenUpTo(long sequence, long stillUnread) {
        seenUpTo = sequence;
        unreadCount = stillUnread;
    }

    /** The composite key: one row per conversation and user. */
    static class Key implements Serializable {

        private UUID conversation;
        private UUID userId;

        protected Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(conversation, key.conversation)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversation, userId);
        }
    }
}

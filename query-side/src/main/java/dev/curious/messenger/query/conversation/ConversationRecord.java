package dev.curious.messenger.query.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A row of {@code chat_conversations} with its member rows. Within one batch of events the projection keeps it and
 * its members in the persistence context and writes each changed row once when the batch commits.
 */
@Entity
@Table(name = "chat_conversations")
class ConversationRecord {

    @Id
    private UUID id;

    private String title;
    private UUID ownerId;
    private boolean closed;
    private Instant closedAt;
    private Instant startedAt;
    private long lastSequence;
    private UUID lastMessageId;
    private Instant lastActivityAt;
    private long lastFrameSeq;

    /** Read once per batch, then kept in memory; member rows are persisted and removed by the projection. */
    @OneToMany(mappedBy = "conversation")
    private List<MemberRecord> members = new ArrayList<>();

    protected ConversationRecord() {}

    ConversationRecord(UUID id, String title, UUID ownerId, Instant startedAt) {
        this.id = id;
        this.title = title;
        this.ownerId = ownerId;
        this.startedAt = startedAt;
        this.lastActivityAt = startedAt;
    }

    String title() {
        return title;
    }

    UUID id() {
        return id;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** The position of the conversation's next stored frame. */
    long nextFrameSeq() {
        return ++lastFrameSeq;
    }

    List<MemberRecord> members() {
        return members;
    }

    Optional<MemberRecord> member(UUID userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    MemberRecord addMember(UUID userId, boolean owner, Instant joinedAt, long unreadCount) {
        MemberRecord member = new MemberRecord(this, userId, owner, joinedAt, unreadCount);
        members.add(member);
        return member;
    }

    Optional<MemberRecord> removeMember(UUID userId) {
        Optional<MemberRecord> member = member(userId);
        member.ifPresent(members::remove);
        return member;
    }

    void rename(String newTitle) {
        title = newTitle;
    }

    void close(Instant at) {
        closed = true;
        closedAt = at;
    }

    void messageSent(long sequence, UUID messageId, UUID senderId, Instant sentAt) {
        lastSequence = sequence;
        lastMessageId = messageId;
        lastActivityAt = sentAt;
        for (MemberRecord member : members) {
            if (!member.userId().equals(senderId)) {
                member.countUnread();
            }
        }
    }
}

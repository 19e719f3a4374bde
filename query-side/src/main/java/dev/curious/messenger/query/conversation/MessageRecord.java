package dev.curious.messenger.query.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code chat_messages}; a deleted message keeps its row and sequence but loses its content. */
@Entity
@Table(name = "chat_messages")
class MessageRecord {

    @Id
    private UUID id;

    private UUID conversationId;
    private long sequence;
    private UUID senderId;
    private String content;
    private String clientMessageId;
    private Instant sentAt;
    private Instant editedAt;
    private boolean deleted;
    private Instant deletedAt;

    protected MessageRecord() {}

    MessageRecord(
            UUID id,
            UUID conversationId,
            long sequence,
            UUID senderId,
            String content,
            String clientMessageId,
            Instant sentAt) {
        this.id = id;
        this.conversationId = conversationId;
        this.sequence = sequence;
        this.senderId = senderId;
        this.content = content;
        this.clientMessageId = clientMessageId;
        this.sentAt = sentAt;
    }

    void edit(String newContent, Instant at) {
        if (!deleted) {
            content = newContent;
            editedAt = at;
        }
    }

    void delete(Instant at) {
        deleted = true;
        deletedAt = at;
        content = null;
    }
}

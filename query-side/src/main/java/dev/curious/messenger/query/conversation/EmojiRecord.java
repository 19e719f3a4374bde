package dev.curious.messenger.query.conversation;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code chat_emojis}. */
@Entity
@Table(name = "chat_emojis")
class EmojiRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    private String key;
    private String unicode;

    protected EmojiRecord() {}
}

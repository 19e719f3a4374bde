package dev.curious.messenger.command.emoji;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The keys of the catalog, for conversations to check reactions against; written with the catalog's events. */
@Component
public class EmojiKeys {

    private final JdbcClient jdbc;

    EmojiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether reactions may use the key. */
    public boolean contains(String emojiKey) {
        return jdbc.sql("SELECT count(*) FROM command_emoji_keys WHERE emoji_key = ?")
                        .param(emojiKey)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void add(String emojiKey) {
        jdbc.sql("INSERT INTO command_emoji_keys (emoji_key) VALUES (?) ON CONFLICT DO NOTHING")
                .param(emojiKey)
                .update();
    }
}

package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.user.Nicknames;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database itself refuses what the seed's constraints forbid, whatever code writes to it. */
@SpringBootTest(classes = CommandAndQuerySides.class)
class ReadModelConstraintsTest {

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesASecondReactionOfOneUserWithOneEmojiToOneMessage() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Constraints", bob);
        UUID message = chat.send(conversation, ada, "react to me");
        chat.command(new React(conversation, message, "tada", bob));
        chat.awaitProjected();

        assertThatThrownBy(() -> jdbc.sql("INSERT INTO chat_message_reactions (user_id, message_id, emoji_id,"
                                + " conversation_id) SELECT ?, ?, id, ? FROM chat_emojis WHERE key = 'tada'")
                        .params(bob, message, conversation)
                        .update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM chat_message_reactions WHERE message_id = ?")
                        .param(message)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refusesASecondOwnerRow() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "One owner", bob);
        chat.awaitProjected();

        assertThatThrownBy(() -> jdbc.sql("UPDATE chat_conversation_members SET owner = TRUE"
                                + " WHERE conversation_id = ? AND user_id = ?")
                        .params(conversation, bob)
                        .update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.sql("SELECT user_id FROM chat_conversation_members WHERE conversation_id = ? AND owner")
                        .param(conversation)
                        .query(UUID.class)
                        .list())
                .isEqualTo(List.of(ada));
    }

    @Test
    void refusesASecondNicknameDifferingInCaseOrLookingAlike() {
        UUID ada = chat.register("ada");
        chat.awaitProjected();
        String nickname = jdbc.sql("SELECT nickname FROM auth_users WHERE id = ?")
                .param(ada)
                .query(String.class)
                .single();
        for (String lookAlike : List.of(nickname.toUpperCase(), nickname.replace("a", "\u0430"))) {
            assertThatThrownBy(() -> jdbc.sql("INSERT INTO auth_users (id, nickname, nickname_key, registered_at)"
                                    + " VALUES (?, ?, ?, now())")
                            .params(UUID.randomUUID(), lookAlike, Nicknames.key(lookAlike))
                            .update())
                    .as(lookAlike)
                    .isInstanceOf(DuplicateKeyException.class);
        }
    }
}

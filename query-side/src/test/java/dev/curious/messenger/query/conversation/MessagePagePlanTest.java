package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.query.CommandAndQuerySides;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The message page reads a handful of index entries, however many messages the database holds. */
@SpringBootTest(
        classes = CommandAndQuerySides.class,
        // Its own database: the rows written here by SQL are not the projections', and must not meet a replay.
        properties = "spring.application.name=message-page-plan")
class MessagePagePlanTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void messagePageWalksTheConversationSequenceIndexBackwards() {
        jdbc.sql("INSERT INTO chat_conversations (id, title, owner_id, started_at, last_activity_at)"
                        + " SELECT ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid, 'c' || c,"
                        + " gen_random_uuid(), now(), now() FROM generate_series(1, 200) c")
                .update();
        jdbc.sql("INSERT INTO chat_messages (id, conversation_id, sequence, sender_id, content, sent_at)"
                        + " SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid, s,"
                        + " gen_random_uuid(), 'message ' || s, now()"
                        + " FROM generate_series(1, 200) c, generate_series(1, 500) s")
                .update();
        jdbc.sql("ANALYZE chat_messages").update();

        UUID conversation = UUID.fromString("00000000-0000-0000-0000-000000000042");
        List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + MessageViews.PAGE_SQL)
                .params(conversation, 300L, 50)
                .query(String.class)
                .list();
        plan.forEach(System.out::println);

        String text = String.join("\n", plan);
        assertThat(text).contains("Index Scan Backward using chat_messages_conversation_sequence_uk on chat_messages");
        assertThat(text).doesNotContain("Seq Scan on chat_messages").doesNotContain("Sort");
    }
}

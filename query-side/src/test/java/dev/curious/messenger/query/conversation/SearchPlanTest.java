package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.query.CommandAndQuerySides;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search's query plan over 200,000 messages in 200 conversations, for a member of 10: a word in every third
 * message walks the messages by position until a page of the member's is found; a word in a handful of messages reads
 * them from the GIN index; a member of one conversation reads that conversation's. Never the whole table.
 */
@SpringBootTest(
        classes = CommandAndQuerySides.class,
        // Its own database: the rows written here by SQL are not the projections', and must not meet a replay.
        properties = "spring.application.name=search-plan")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPlanTest {

    private static final UUID VIEWER = UUID.fromString("00000000-0000-0000-0000-00000000beef");
    /** A member of one conversation only, whose messages are 0.5% of the table. */
    private static final UUID LONER = UUID.fromString("00000000-0000-0000-0000-00000000cafe");

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void messages() {
        jdbc.sql("INSERT INTO chat_conversations (id, title, owner_id, started_at, last_activity_at)"
                        + " SELECT ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid, 'c' || c,"
                        + " gen_random_uuid(), now(), now() FROM generate_series(1, 200) c")
                .update();
        jdbc.sql("INSERT INTO chat_conversation_members (conversation_id, user_id, joined_at)"
                        + " SELECT ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid, ?, now()"
                        + " FROM generate_series(20, 200, 20) c")
                .param(VIEWER)
                .update();
        // Position: the messages of all conversations interleaved, as events of many conversations are.
        jdbc.sql("INSERT INTO chat_messages (id, conversation_id, sequence, sender_id, content, sent_at, position)"
                        + " SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid,"
                        + " s, gen_random_uuid(), CASE WHEN s % 3 = 0 THEN 'lunch at noon ' ELSE 'meeting ' END"
                        + " || 'topic' || (s % 500) || ' note' || (s * 200 + c), now(), s * 200 + c"
                        + " FROM generate_series(1, 200) c, generate_series(1, 1000) s")
                .update();
        jdbc.sql("INSERT INTO chat_conversation_members (conversation_id, user_id, joined_at)"
                        + " VALUES ('00000000-0000-0000-0000-000000000007', ?, now())")
                .param(LONER)
                .update();
        jdbc.sql("ANALYZE chat_messages").update();
        jdbc.sql("ANALYZE chat_conversation_members").update();
    }

    private String plan(String text) {
        return plan(text, VIEWER);
    }

    private String plan(String text, UUID viewer) {
        List<String> plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + MessageSearch.SEARCH_SQL)
                .param("text", text)
                .param("options", "")
                .param("viewer", viewer)
                .param("conversation", null)
                .param("before", Long.MAX_VALUE)
                .param("limit", 20)
                .query(String.class)
                .list();
        plan.forEach(System.out::println);
        return String.join("\n", plan);
    }

    @Test
    void aFrequentWordWalksThePositionIndexBackwards() {
        assertThat(plan("lunches"))
                .contains("Index Scan Backward using chat_messages_position_idx on chat_messages")
                .doesNotContain("Seq Scan on chat_messages");
    }

    @Test
    void aRareWordReadsTheSearchIndex() {
        // note4020: conversation 20 (the viewer's), sequence 20.
        String text = plan("note4020");
        assertThat(text)
                .contains("Bitmap Index Scan on chat_messages_search_idx")
                .contains("rows=1 loops=1")
                .doesNotContain("Seq Scan on chat_messages");
    }

    @Test
    void aMemberOfOneConversationReadsItsMessagesNotTheWholeTable() {
        // A frequent word, but the member's conversation holds few messages: read them by its own index.
        assertThat(plan("lunches", LONER))
                .contains("Index Scan using chat_messages_conversation_sequence_uk on chat_messages")
                .doesNotContain("chat_messages_position_idx")
                .doesNotContain("Seq Scan on chat_messages");
    }
}

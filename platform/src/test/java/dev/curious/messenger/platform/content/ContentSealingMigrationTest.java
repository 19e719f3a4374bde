package dev.curious.messenger.platform.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of {@code domain_event_entry} as earlier versions stored them (plain text in old revisions, an edit that
 * does not name its sender, content sealed with the one key per sender of the first version, an erased user's plain
 * text) are sealed in place by the platform's migration 4, and read back; the raw bytes hold no text afterwards.
 */
class ContentSealingMigrationTest {

    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SENT = MessageSent.class.getName();
    private static final String EDITED = MessageEdited.class.getName();

    private final ObjectMapper json = new ObjectMapper();
    private final UUID conversation = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID eve = UUID.randomUUID();
    private int sequence;

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .javaMigrations(new ContentSealingMigration("4", MASTER))
                .target(target)
                .load();
    }

    private long insert(JdbcClient jdbc, String aggregate, String type, String revision, ObjectNode payload) {
        return jdbc.sql("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type,"
                        + " event_identifier, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, 'Conversation', ?, ?, ?, ?, ?) RETURNING global_index")
                .params(
                        aggregate,
                        sequence++,
                        UUID.randomUUID().toString(),
                        payload.toString().getBytes(StandardCharsets.UTF_8),
                        revision,
                        type,
                        Instant.now().toString())
                .query(Long.class)
                .single();
    }

    private ObjectNode sent(UUID messageId, UUID sender, String content, String at) {
        ObjectNode event = json.createObjectNode();
        event.put("conversationId", conversation.toString());
        event.put("messageId", messageId.toString());
        event.put("sequence", sequence + 1);
        event.put("senderId", sender.toString());
        event.put("content", content);
        event.put("sentAt", at);
        return event;
    }

    private JsonNode stored(JdbcClient jdbc, long globalIndex) throws Exception {
        return json.readTree(jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?")
                .param(globalIndex)
                .query(byte[].class)
                .single());
    }

    private static String read(ContentKeys keys, JsonNode event) {
        return SealingSerializer.open(
                event.get("sealed"),
                keys,
                UUID.fromString(event.get("messageId").asText()));
    }

    @Test
    void sealsPlainTextAndFirstVersionKeysInPlaceAndKeepsErasedContentErased() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            DataSource dataSource = database.dataSource();
            flyway(dataSource, "3").migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            ContentKeys keys = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            String c = conversation.toString();

            // Revision 1, plain text: no format, reply or mentions.
            UUID first = UUID.randomUUID();
            long plainOld = insert(jdbc, c, SENT, "1", sent(first, ada, "Lunch at noon?", "2026-01-05T10:00:00Z"));
            // An edit of revision 1: plain text, no sender.
            ObjectNode edit = json.createObjectNode();
            edit.put("conversationId", c);
            edit.put("messageId", first.toString());
            edit.put("content", "Lunch at one?");
            edit.put("editedAt", "2026-01-06T09:00:00Z");
            long plainEdit = insert(jdbc, c, EDITED, "1", edit);
            // Sealed with Bob's one key of the first version (no conversation, no day).
            ObjectNode bobs = sent(UUID.randomUUID(), bob, null, "2026-01-05T11:00:00Z");
            SealingSerializer.seal(
                    bobs,
                    keys,
                    ContentKeys.Scope.of(bob, conversation, Instant.parse("2026-01-05T11:00:00Z")),
                    UUID.fromString(bobs.get("messageId").asText()),
                    "Sure, the usual place");
            jdbc.sql("UPDATE content_keys SET conversation_id = NULL, day = NULL WHERE id = ?")
                    .param(UUID.fromString(bobs.get("sealed").get("key").asText()))
                    .update();
            long firstVersion = insert(jdbc, c, SENT, "3", bobs);
            // Eve's plain text, erased after it; and what she wrote after her erasure.
            long erased =
                    insert(jdbc, c, SENT, "3", sent(UUID.randomUUID(), eve, "Secret plans", "2026-01-05T12:00:00Z"));
            ObjectNode erasure = json.createObjectNode();
            erasure.put("userId", eve.toString());
            erasure.put("erasedBy", eve.toString());
            erasure.put("erasedAt", "2026-01-07T00:00:00Z");
            insert(jdbc, eve.toString(), UserContentErased.class.getName(), "1", erasure);
            long afterErasure =
                    insert(jdbc, c, SENT, "3", sent(UUID.randomUUID(), eve, "Back again", "2026-01-08T08:00:00Z"));
            // Sealed already as today: left as it is.
            ObjectNode current = sent(UUID.randomUUID(), ada, null, "2026-01-09T08:00:00Z");
            SealingSerializer.seal(
                    current,
                    keys,
                    ContentKeys.Scope.of(ada, conversation, Instant.parse("2026-01-09T08:00:00Z")),
                    UUID.fromString(current.get("messageId").asText()),
                    "Already sealed");
            long sealedAlready = insert(jdbc, c, SENT, "3", current);
            byte[] sealedBytes = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?")
                    .param(sealedAlready)
                    .query(byte[].class)
                    .single();

            flyway(dataSource, "latest").migrate();

            for (String text : new String[] {"Lunch", "Sure, the usual", "Secret", "Back again", "Already sealed"}) {
                assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry"
                                        + " WHERE position(? in convert_from(payload, 'UTF8')) > 0")
                                .param(text)
                                .query(Long.class)
                                .single())
                        .as(text)
                        .isZero();
            }
            ContentKeys reader = new ContentKeys(jdbc, MASTER, Clock.systemUTC());
            assertThat(read(reader, stored(jdbc, plainOld))).isEqualTo("Lunch at noon?");
            assertThat(read(reader, stored(jdbc, plainEdit))).isEqualTo("Lunch at one?");
            assertThat(stored(jdbc, plainEdit).get("senderId").asText()).isEqualTo(ada.toString());
            assertThat(read(reader, stored(jdbc, firstVersion))).isEqualTo("Sure, the usual place");
            assertThat(read(reader, stored(jdbc, afterErasure))).isEqualTo("Back again");
            JsonNode gone = stored(jdbc, erased);
            assertThat(gone.get("content").isNull()).isTrue();
            assertThat(gone.has("sealed")).isFalse();
            assertThat(jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?")
                            .param(sealedAlready)
                            .query(byte[].class)
                            .single())
                    .isEqualTo(sealedBytes);
            // Each under the key of its sender, conversation and day.
            assertThat(jdbc.sql("SELECT user_id, day FROM content_keys WHERE id = ?")
                            .param(UUID.fromString(stored(jdbc, plainEdit)
                                    .get("sealed")
                                    .get("key")
                                    .asText()))
                            .query((rs, n) -> rs.getObject(1, UUID.class) + " " + rs.getObject(2, LocalDate.class))
                            .single())
                    .isEqualTo(ada + " 2026-01-06");
            assertThat(Arrays.asList(flyway(dataSource, "latest").info().applied()))
                    .anyMatch(m -> m.getVersion().getVersion().equals("4"));

            // The keys of one per sender open nothing in the store any more: destroyed.
            assertThat(jdbc.sql(
                                    "SELECT count(*) FROM content_keys WHERE conversation_id IS NULL AND wrapped IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .isZero();

            // Erasure now reaches what was plain text.
            new KeyStates(reader).eraseUser(ada);
            assertThat(read(reader, stored(jdbc, plainOld))).isNull();
            assertThat(read(reader, stored(jdbc, plainEdit))).isNull();
            assertThat(read(reader, stored(jdbc, firstVersion))).isEqualTo("Sure, the usual place");
        }
    }
}

package dev.curious.messenger.platform.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.user.UserContentErased;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Seals, in place, the message content that the event store ({@code domain_event_entry}) holds from before keys per
 * sender, conversation and day: content stored in plain text, and content sealed with the one key per sender of the
 * first version. Each such {@code MessageSent} and {@code MessageEdited} gets the key of its sender, conversation and
 * day, as if written today; content its sender erased afterwards (a {@code UserContentErased} later than it, or a
 * destroyed key) is stored as {@code content: null}; the keys of one per sender are destroyed at the end, as nothing
 * in the store needs them. Nothing else changes: same rows, same positions, same revision; upcasters read the rest
 * as before. Flyway runs it once, in one transaction, before anything reads
 * events. Events in Axon Server cannot be rewritten (its log is append-only); those stay as they were and read as
 * they are.
 */
public final class ContentSealingMigration implements JavaMigration {

    private static final String SENT = MessageSent.class.getName();
    private static final String EDITED = MessageEdited.class.getName();
    private static final String ERASED = UserContentErased.class.getName();
    private static final int BATCH = 1_000;

    private final String version;
    private final byte[] masterKey;
    private final ObjectMapper json = new ObjectMapper();

    public ContentSealingMigration(String version, byte[] masterKey) {
        this.version = version;
        this.masterKey = masterKey.clone();
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return "message content in the event store sealed with keys per sender, conversation and day";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Connection connection = context.getConnection();
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        ContentKeys keys = new ContentKeys(jdbc, masterKey, Clock.systemUTC());
        Map<UUID, Instant> erasures = lastErasures(jdbc);
        long after = -1;
        while (true) {
            List<Row> rows = jdbc.sql("SELECT global_index, payload_type, payload, aggregate_identifier"
                            + " FROM domain_event_entry WHERE payload_type IN (?, ?) AND global_index > ?"
                            + " ORDER BY global_index LIMIT ?")
                    .params(SENT, EDITED, after, BATCH)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getString(4)))
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            for (Row row : rows) {
                resealed(jdbc, keys, erasures, row)
                        .ifPresent(
                                payload -> jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?")
                                        .params(payload, row.globalIndex())
                                        .update());
                after = row.globalIndex();
            }
        }
        if (after >= 0) {
            // Nothing in this store is sealed with the keys of one per sender any more: destroyed, so that a copy of
            // the database (a backup) taken from now on cannot open what retention or an erasure destroys later.
            // (With Axon Server this store holds no messages, and events there may still need them.)
            jdbc.sql("UPDATE content_keys SET wrapped = NULL, erased_at = now() WHERE conversation_id IS NULL"
                            + " AND wrapped IS NOT NULL")
                    .update();
        }
    }

    private record Row(long globalIndex, String type, byte[] payload, String aggregateId) {}

    /** The row's payload sealed anew, or empty when it needs nothing. */
    private Optional<byte[]> resealed(JdbcClient jdbc, ContentKeys keys, Map<UUID, Instant> erasures, Row row) {
        ObjectNode event = (ObjectNode) read(row.payload());
        UUID messageId = UUID.fromString(event.get("messageId").asText());
        JsonNode sealed = event.get("sealed");
        String content;
        if (sealed != null && sealed.isObject()) {
            Optional<Boolean> perSender = jdbc.sql("SELECT conversation_id IS NULL FROM content_keys WHERE id = ?")
                    .param(UUID.fromString(sealed.get("key").asText()))
                    .query(Boolean.class)
                    .optional();
            if (perSender.isEmpty() || !perSender.get()) {
                // Under a key of today's kind, or of none this database knows (left for the reader to report).
                return Optional.empty();
            }
            content = SealingSerializer.open(sealed, keys, messageId);
        } else if (event.hasNonNull("content")) {
            content = event.get("content").asText();
        } else {
            return Optional.empty();
        }
        boolean sent = SENT.equals(row.type());
        UUID sender = event.hasNonNull("senderId")
                ? UUID.fromString(event.get("senderId").asText())
                : senderOf(jdbc, row.aggregateId(), messageId);
        if (sender == null) {
            // No sender to seal it for (an edit whose message is not in this store): left as it is.
            return Optional.empty();
        }
        Instant writtenAt =
                Instant.parse(event.get(sent ? "sentAt" : "editedAt").asText());
        event.remove("sealed");
        Instant erasure = erasures.get(sender);
        if (content == null || (erasure != null && writtenAt.isBefore(erasure))) {
            // Erased before this change: it stays unreadable.
            event.putNull("content");
        } else {
            event.put("senderId", sender.toString());
            UUID conversationId = UUID.fromString(event.get("conversationId").asText());
            SealingSerializer.seal(
                    event, keys, ContentKeys.Scope.of(sender, conversationId, writtenAt), messageId, content);
        }
        return Optional.of(write(event));
    }

    /** The sender of a message, from its {@code MessageSent}: edits stored before revision 3 do not name it. */
    private static UUID senderOf(JdbcClient jdbc, String conversationId, UUID messageId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'senderId' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type = ?"
                        + " AND convert_from(payload, 'UTF8')::jsonb ->> 'messageId' = ?")
                .params(conversationId, SENT, messageId.toString())
                .query(String.class)
                .optional()
                .map(UUID::fromString)
                .orElse(null);
    }

    /** Per erased user, the time of their last erasure: what they wrote before it is gone. */
    private Map<UUID, Instant> lastErasures(JdbcClient jdbc) {
        Map<UUID, Instant> last = new HashMap<>();
        jdbc.sql("SELECT payload FROM domain_event_entry WHERE payload_type = ?")
                .param(ERASED)
                .query((rs, n) -> read(rs.getBytes(1)))
                .list()
                .forEach(erased -> last.merge(
                        UUID.fromString(erased.get("userId").asText()),
                        Instant.parse(erased.get("erasedAt").asText()),
                        (a, b) -> a.isAfter(b) ? a : b));
        return last;
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("An event's payload is not JSON", e);
        }
    }

    private byte[] write(JsonNode payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.curious.messenger.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.api.message.ExportMessagesQuery;
import dev.curious.messenger.api.message.ExportedMessages;
import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.SeenBy;
import dev.curious.messenger.gateway.Queries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A conversation's messages for auditors, oldest first, as NDJSON (one message as the API returns it a line) or CSV,
 * written batch by batch as the read model answers, so that any length needs one batch in memory.
 */
@Component
class ConversationExports {

    /** The formats an export is written in. */
    enum Format {
        NDJSON("application/x-ndjson"),
        CSV("text/csv");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private static final int BATCH = 200;
    private static final String CSV_HEADER =
            "sequence,messageId,senderId,senderNickname,sentAt,editedAt,deleted,erased,"
                    + "replyTo,mentions,content,reactions,seenBy\r\n";

    private final Queries queries;
    private final ObjectMapper json;

    ConversationExports(Queries queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /** The first batch, or empty when there is no such conversation. */
    Optional<List<MessageView>> first(UUID conversationId, Instant from, Instant to) {
        return batch(conversationId, from, to, 0);
    }

    /** Writes the export, starting with {@code first}; the number of messages written. */
    long write(UUID conversationId, Instant from, Instant to, Format format, List<MessageView> first, OutputStream out)
            throws IOException {
        if (format == Format.CSV) {
            out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
        }
        long written = 0;
        List<MessageView> batch = first;
        while (!batch.isEmpty()) {
            for (MessageView message : batch) {
                if (format == Format.NDJSON) {
                    out.write(json.writeValueAsBytes(message));
                    out.write('\n');
                } else {
                    out.write(csv(message).getBytes(StandardCharsets.UTF_8));
                }
                written++;
            }
            out.flush();
            if (batch.size() < BATCH) {
                break;
            }
            batch = batch(conversationId, from, to, batch.get(batch.size() - 1).sequence())
                    .orElse(List.of());
        }
        out.flush();
        return written;
    }

    private Optional<List<MessageView>> batch(UUID conversationId, Instant from, Instant to, long after) {
        return queries.optional(new ExportMessagesQuery(conversationId, from, to, after, BATCH), ExportedMessages.class)
                .map(ExportedMessages::messages);
    }

    /** A CSV row; reactions as {@code emoji:user|user;...}, seen marks as {@code user@time;...}. */
    private static String csv(MessageView m) {
        String reactions = m.reactions().stream()
                .map(r -> r.emojiKey() + ":"
                        + r.userIds().stream().map(UUID::toString).collect(Collectors.joining("|")))
                .collect(Collectors.joining(";"));
        String seen = m.seenBy().stream()
                .map((SeenBy s) -> s.userId() + "@" + s.seenAt())
                .collect(Collectors.joining(";"));
        return String.join(
                        ",",
                        String.valueOf(m.sequence()),
                        m.id().toString(),
                        m.senderId().toString(),
                        field(m.senderNickname()),
                        String.valueOf(m.sentAt()),
                        m.editedAt() == null ? "" : m.editedAt().toString(),
                        String.valueOf(m.deleted()),
                        String.valueOf(m.erased()),
                        m.replyTo() == null ? "" : m.replyTo().messageId().toString(),
                        m.mentions().stream().map(UUID::toString).collect(Collectors.joining(";")),
                        field(m.content()),
                        field(reactions),
                        field(seen))
                + "\r\n";
    }

    /**
     * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled; text a spreadsheet would
     * run as a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe.
     */
    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

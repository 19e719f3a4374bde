package dev.curious.messenger.command.compliance;

import dev.curious.messenger.api.compliance.ExpireContent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The conversations that keep their content for a number of days ({@code command_conversation_retention}, written
 * through {@link ContentErasure#retain} in the transaction of their {@code RetentionChanged}), and the job that asks each of them, when it
 * still has keys of days its retention has passed and is not on hold, to erase that content ({@link ExpireContent}).
 * Every command-side node runs it; a conversation that finds nothing due stores nothing, so two nodes asking twice
 * erase once.
 */
@Component
public class RetentionSchedule {

    /** The longest retention: a hundred years. */
    public static final int MAX_DAYS = 36_500;

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<CommandGateway> commands;
    private final Clock clock;

    RetentionSchedule(JdbcClient jdbc, ObjectProvider<CommandGateway> commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    /** Records the conversation's retention, in the caller's transaction. */
    void set(UUID conversationId, int days) {
        jdbc.sql("INSERT INTO command_conversation_retention (conversation_id, days) VALUES (?, ?)"
                        + " ON CONFLICT (conversation_id) DO UPDATE SET days = EXCLUDED.days")
                .params(conversationId, days)
                .update();
    }

    /** The conversations, not on hold, with keys still alive of days their retention has passed. */
    List<UUID> due() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.sql("SELECT r.conversation_id FROM command_conversation_retention r"
                        + " WHERE NOT EXISTS (SELECT 1 FROM content_holds h WHERE h.conversation_id = r.conversation_id)"
                        + " AND EXISTS (SELECT 1 FROM content_keys k WHERE k.conversation_id = r.conversation_id"
                        + " AND k.wrapped IS NOT NULL AND k.day < ?::date - r.days)"
                        + " ORDER BY r.conversation_id")
                .param(today)
                .query(UUID.class)
                .list();
    }

    /** Asks every conversation with content due to erase it; the number asked. */
    @Scheduled(
            fixedDelayString = "${messenger.retention.check-every:1h}",
            initialDelayString = "${messenger.retention.first-check-after:1m}")
    public int expireDue() {
        List<UUID> due = due();
        for (UUID conversationId : due) {
            try {
                commands.getObject().sendAndWait(new ExpireContent(conversationId));
            } catch (RuntimeException e) {
                // The next run asks again; one conversation does not hold up the others.
                log.warn("Retention of conversation {} not applied this run: {}", conversationId, e.toString());
            }
        }
        if (!due.isEmpty()) {
            log.info("Retention applied to {} conversations", due.size());
        }
        return due.size();
    }
}

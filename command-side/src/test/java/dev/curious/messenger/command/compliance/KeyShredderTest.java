package dev.curious.messenger.command.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.platform.content.ContentKeys;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import dev.curious.messenger.platform.text.NicknameKeyMigration;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What retention, a legal hold and a user's erasure change beside their events, on a real database: the retention
 * job's rows and the content keys' states, as docs/erasure.md draws them.
 */
class KeyShredderTest {

    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

    private final UUID lunch = UUID.randomUUID();
    private final UUID board = UUID.randomUUID();
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .target("3")
                .load()
                .migrate();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/command")
                .table("flyway_history_command")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .javaMigrations(new NicknameKeyMigration(
                        "3", "command_user_directory", "user_id", "nickname", "nickname_key", "user_id", true))
                .load()
                .migrate();
    }

    /** A key in use, as sealing makes one (its wrapped bytes do not matter here). */
    private static UUID key(JdbcClient jdbc, UUID user, UUID conversation, LocalDate day) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO content_keys (id, user_id, conversation_id, day, wrapped, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, user, conversation, day, new byte[60], Timestamp.from(NOW))
                .update();
        return id;
    }

    private static String state(JdbcClient jdbc, UUID key) {
        return jdbc.sql("SELECT CASE WHEN wrapped IS NULL THEN 'destroyed'"
                        + " WHEN erase_pending_at IS NOT NULL THEN 'pending' ELSE 'in use' END"
                        + " FROM content_keys WHERE id = ?")
                .param(key)
                .query(String.class)
                .single();
    }

    @Test
    void holdsKeepKeysThroughAnErasureUntilReleasedAndRetentionWaitsForTheRelease() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            DataSource dataSource = database.dataSource();
            migrate(dataSource);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            RetentionSchedule schedule = new RetentionSchedule(
                    jdbc, new StaticListableBeanFactory().getBeanProvider(CommandGateway.class), clock);
            KeyShredder shredder = new KeyShredder(new ContentKeys(jdbc, MASTER, clock), schedule);

            UUID adaAtLunch = key(jdbc, ada, lunch, TODAY);
            UUID adaOnBoardLongAgo = key(jdbc, ada, board, TODAY.minusDays(40));
            UUID bobOnBoardLongAgo = key(jdbc, bob, board, TODAY.minusDays(40));
            UUID bobOnBoardToday = key(jdbc, bob, board, TODAY);

            // Retention is recorded for the job, which finds the board due while it has keys of days past it.
            shredder.retain(board, 30);
            assertThat(schedule.due()).containsExactly(board);

            // On hold: Ada's erasure destroys her keys elsewhere, keeps the board's pending; the job leaves it be.
            shredder.hold(board);
            assertThat(shredder.eraseUser(ada)).containsExactly(board);
            assertThat(state(jdbc, adaAtLunch)).isEqualTo("destroyed");
            assertThat(state(jdbc, adaOnBoardLongAgo)).isEqualTo("pending");
            assertThat(schedule.due()).isEmpty();
            assertThat(shredder.expire(board, TODAY.minusDays(30))).isZero();
            assertThat(state(jdbc, bobOnBoardLongAgo)).isEqualTo("in use");

            // The release destroys what the erasure kept, and names whose it was; then retention applies.
            assertThat(shredder.release(board)).containsExactly(ada);
            assertThat(state(jdbc, adaOnBoardLongAgo)).isEqualTo("destroyed");
            assertThat(schedule.due()).containsExactly(board);
            assertThat(shredder.expire(board, TODAY.minusDays(30))).isOne();
            assertThat(state(jdbc, bobOnBoardLongAgo)).isEqualTo("destroyed");
            assertThat(state(jdbc, bobOnBoardToday)).isEqualTo("in use");
            assertThat(schedule.due()).isEmpty();

            // A second erasure finds nothing held, and a retention changed is recorded once.
            assertThat(shredder.eraseUser(bob)).isEmpty();
            assertThat(state(jdbc, bobOnBoardToday)).isEqualTo("destroyed");
            shredder.retain(board, 7);
            assertThat(jdbc.sql("SELECT days FROM command_conversation_retention WHERE conversation_id = ?")
                            .param(board)
                            .query(Integer.class)
                            .list())
                    .containsExactly(7);
        }
    }
}

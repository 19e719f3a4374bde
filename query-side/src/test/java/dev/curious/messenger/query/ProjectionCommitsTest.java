package dev.curious.messenger.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's transaction commits without waiting for the WAL flush, and only it: the connection goes back to the
 * pool with the database's setting, so the next transaction on it (an event appended by the command side, in the
 * standalone run the same pool) waits for its commit to be durable.
 */
@SpringBootTest(classes = CommandAndQuerySides.class)
class ProjectionCommitsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void deferringTheFlushLastsOneTransaction() {
        String inside = transactions.execute(status -> {
            ProjectionCommits.deferFlush(jdbc);
            return setting();
        });
        assertThat(inside).isEqualTo("off");
        // Hikari hands the same idle connection out again: every later transaction on the pool has the default.
        for (int i = 0; i < 20; i++) {
            String after = transactions.execute(status -> setting());
            assertThat(after).isEqualTo("on");
        }
    }

    private String setting() {
        return jdbc.queryForObject("SHOW synchronous_commit", String.class);
    }
}

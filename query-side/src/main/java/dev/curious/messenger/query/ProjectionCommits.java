package dev.curious.messenger.query;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection's transaction need not wait for its commit to reach the disk: it holds nothing that is not already
 * durable in the event store, and its token is in the same transaction, so a crash that loses the last few commits
 * of a projection loses their token updates with them, and the processor projects those events again at the next
 * start (the frames get the same numbers, clients see each once). The events themselves, and every other
 * transaction, keep the database's {@code synchronous_commit}. Saves a WAL flush per processor batch.
 */
public final class ProjectionCommits {

    private ProjectionCommits() {}

    /** In the current transaction: commit without waiting for the WAL flush. */
    public static void deferFlush(JdbcTemplate jdbc) {
        jdbc.execute("SET LOCAL synchronous_commit = off");
    }
}

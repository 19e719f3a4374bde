package dev.curious.messenger.platform.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tells the other processes on the same PostgreSQL event store that events were appended, with PostgreSQL's
 * {@code NOTIFY}, sent in the appending transaction and so delivered only when (and if) it commits; and listens for
 * the others' on one connection of its own, so that this process's store reads their events at once instead of at its
 * next poll (every second) and its processors are woken ({@link EventArrivals#arrived()}). Each notification is a
 * hint, never the data: a lost one costs at most that poll.
 */
final class EventNotifications implements AutoCloseable {

    static final String CHANNEL = "messenger_events";

    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private volatile Thread listener;
    private volatile boolean closed;

    EventNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** In the appending transaction: the others hear of it when it commits. */
    void appended() {
        jdbc.execute("NOTIFY " + CHANNEL);
    }

    /** Calls {@code arrived} whenever another process (or this one) appended events. */
    synchronized void listen(Runnable arrived) {
        if (listener == null) {
            Thread thread = new Thread(() -> follow(arrived), "event-notifications");
            thread.setDaemon(true);
            thread.start();
            listener = thread;
        }
    }

    private void follow(Runnable arrived) {
        int failures = 0;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Events appended while nobody listened are read now, not at the next poll.
                arrived.run();
                failures = 0;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(1_000);
                    if (notifications != null && notifications.length > 0) {
                        arrived.run();
                    }
                }
            } catch (SQLException | RuntimeException away) {
                failures++;
                log.debug("Listening for appended events failed ({} in a row): {}", failures, away.toString());
                try {
                    Thread.sleep(Math.min(5_000, 250L * failures));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = listener;
        if (running != null) {
            running.interrupt();
        }
    }
}

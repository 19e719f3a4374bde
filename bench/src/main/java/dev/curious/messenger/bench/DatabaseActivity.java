package dev.curious.messenger.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database did, from PostgreSQL's statistics views: transactions committed, and per table the rows inserted,
 * updated and deleted and the scans (each query reading a table, by its index or whole). Two snapshots around a stage, divided by its messages, say what one message costs the database.
 */
final class DatabaseActivity {

    private final Map<String, Long> counts;

    private DatabaseActivity(Map<String, Long> counts) {
        this.counts = counts;
    }

    /** A snapshot of the embedded PostgreSQL in {@code dataDirectory} (its port is in its pid file). */
    static DatabaseActivity of(Path dataDirectory) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port(dataDirectory) + "/postgres", "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            // The statistics views are updated at most every second by each backend: wait for the last stage's.
            statement.execute("SELECT pg_stat_clear_snapshot()");
            Thread.sleep(1_100);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                counts.put(" transactions", rs.getLong(1));
            }
            try (ResultSet rs = statement.executeQuery(
                    "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del, coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
                            + " FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    counts.put(rs.getString(1) + " rows written", rs.getLong(2));
                    counts.put(rs.getString(1) + " scans", rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new DatabaseActivity(counts);
    }

    /** Per message, what changed since {@code before}: transactions, and per table what was written or read (if any). */
    Map<String, Double> perMessage(DatabaseActivity before, double messages) {
        Map<String, Double> perMessage = new LinkedHashMap<>();
        counts.forEach((name, count) -> {
            long delta = count - before.counts.getOrDefault(name, 0L);
            if (delta > 0) {
                perMessage.put(name.trim(), delta / messages);
            }
        });
        return perMessage;
    }

    private static int port(Path dataDirectory) {
        return Integer.parseInt(ProcessCost.postmasterFile(dataDirectory, 3));
    }
}

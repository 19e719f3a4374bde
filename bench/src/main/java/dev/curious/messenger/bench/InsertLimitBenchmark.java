package dev.curious.messenger.bench;

import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's limit that message sends are measured against: single-row INSERTs, each its own transaction, on the
 * same embedded PostgreSQL with the same settings (fsync and synchronous commit on) as the system, at 1, 2, 4 and 8 connections.
 */
final class InsertLimitBenchmark {

    private InsertLimitBenchmark() {}

    static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path data = Files.createTempDirectory("messenger-insert-limit");
        try (EmbeddedDatabase postgres = EmbeddedDatabase.start(data.resolve("postgres"))) {
            try (Connection connection = postgres.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE rows (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)");
            }
            System.out.printf("single-row INSERT, one transaction each, %d s per concurrency%n", seconds);
            for (int threads : List.of(1, 2, 4, 8)) {
                AtomicLong commits = new AtomicLong();
                long deadline = System.nanoTime() + seconds * 1_000_000_000L;
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread worker = new Thread(() -> {
                        try (Connection connection = postgres.dataSource().getConnection();
                                PreparedStatement insert =
                                        connection.prepareStatement("INSERT INTO rows (payload) VALUES (?)")) {
                            byte[] payload = new byte[300];
                            while (System.nanoTime() < deadline) {
                                insert.setBytes(1, payload);
                                insert.executeUpdate();
                                commits.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    workers.add(worker);
                    worker.start();
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                System.out.printf(
                        "%d connection(s): %,.0f commits/s (%.2f ms each)%n",
                        threads, commits.get() / (double) seconds, seconds * 1000.0 * threads / commits.get());
            }
        }
    }
}

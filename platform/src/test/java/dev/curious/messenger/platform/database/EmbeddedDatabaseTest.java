package dev.curious.messenger.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class EmbeddedDatabaseTest {

    @TempDir
    Path work;

    @Test
    void runsWithSettingsThatKeepEveryAcknowledgedCommit() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            assertThat(Durability.unsafeSettings(database.dataSource())).isEmpty();
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            for (var setting : EmbeddedDatabase.DURABLE.entrySet()) {
                assertThat(jdbc.sql("SHOW " + setting.getKey())
                                .query(String.class)
                                .single())
                        .isEqualTo(setting.getValue());
            }
        }
    }

    /** A power cut as PostgreSQL sees it: every one of its processes killed at once, mid-load, and started again. */
    @Test
    void keepsEveryAcknowledgedCommitWhenPostgresIsKilledUnderLoad() throws Exception {
        Path directory = work.resolve("postgres");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        EmbeddedDatabase database = EmbeddedDatabase.start(directory);
        JdbcClient.create(database.dataSource())
                .sql("CREATE TABLE acknowledged (id BIGINT PRIMARY KEY, body TEXT)")
                .update();
        AtomicLong ids = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread writer = new Thread(() -> write(database.dataSource(), ids, acknowledged));
            writers.add(writer);
            writer.start();
        }
        while (acknowledged.size() < 2_000) {
            Thread.sleep(5);
        }
        killEveryProcessOf(directory);
        for (Thread writer : writers) {
            writer.join();
        }
        database.close();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(directory)) {
            List<Long> stored = JdbcClient.create(restarted.dataSource())
                    .sql("SELECT id FROM acknowledged")
                    .query(Long.class)
                    .list();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2_000);
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void startsAgainAfterTheJvmThatRanItWasKilled() throws Exception {
        Path directory = work.resolve("postgres");
        Process first = startInOwnJvm(directory);
        assertThat(firstLine(first)).startsWith("ready");
        long orphan = Long.parseLong(
                Files.readAllLines(directory.resolve("postmaster.pid")).get(0));

        first.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlives the killed JVM")
                .contains(true);

        try (EmbeddedDatabase again = EmbeddedDatabase.start(directory)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(JdbcClient.create(again.dataSource())
                            .sql("SELECT 1")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aStaleLockFileOfPostgresIsClearedWhenNoServerOwnsIt() throws Exception {
        Path directory = work.resolve("postgres");
        EmbeddedDatabase.start(directory).close();
        // As a host crash leaves it: the pid file names a process that is not this directory's server.
        Files.writeString(
                directory.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + directory + "\n");

        try (EmbeddedDatabase again = EmbeddedDatabase.start(directory)) {
            assertThat(Files.readAllLines(directory.resolve("postmaster.pid")).get(0))
                    .isNotEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(Durability.unsafeSettings(again.dataSource())).isEmpty();
        }
    }

    @Test
    void refusesASecondSystemOnTheSameDataDirectory() throws Exception {
        Path directory = work.resolve("postgres");
        try (EmbeddedDatabase running = EmbeddedDatabase.start(directory)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another messenger is running on the database in " + directory);

            Process second = startInOwnJvm(directory);
            assertThat(firstLine(second)).startsWith("refused Another messenger is running");
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(3);
            assertThat(JdbcClient.create(running.dataSource())
                            .sql("SELECT 1")
                            .query(Integer.class)
                            .single())
                    .as("the first one is untouched")
                    .isEqualTo(1);
        }
    }

    private static void write(DataSource dataSource, AtomicLong ids, Set<Long> acknowledged) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?, ?)")) {
            while (true) {
                long id = ids.incrementAndGet();
                insert.setLong(1, id);
                insert.setString(2, "message " + id);
                insert.executeUpdate();
                acknowledged.add(id);
            }
        } catch (SQLException killed) {
            // the server is gone: what was acknowledged until now must survive
        }
    }

    private static void killEveryProcessOf(Path directory) throws Exception {
        long pid = Long.parseLong(
                Files.readAllLines(directory.resolve("postmaster.pid")).get(0));
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static Process startInOwnJvm(Path directory) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedDatabaseProcess.class.getName(),
                        directory.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** The child's answer line, skipping its log output. */
    private static String firstLine(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ready") || line.startsWith("refused")) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        return "ended: " + process.waitFor();
    }
}

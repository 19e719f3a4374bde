package dev.curious.messenger.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL run by this JVM, configured so that a committed transaction survives a crash of the process or
 * of the host. On a data directory of its own it survives restarts, and a start after a crash works by itself: the
 * directory is locked for the life of this JVM (the operating system releases the lock when the JVM dies, however it
 * dies), and a PostgreSQL that outlived the JVM that ran it is stopped cleanly before a new one starts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /**
     * What PostgreSQL needs to keep every acknowledged commit. The embedded library turns off synchronous commit
     * (an acknowledgement before the WAL is flushed) and passes {@code -F} (no fsync); both are undone here.
     */
    public static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    /** Replaying and concurrent tests open more connections than the default 100 allows on a busy box. */
    private static final Map<String, String> CAPACITY = Map.of("max_connections", "300");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String PID_FILE = "postmaster.pid";
    private static final long STOP_WAIT_SECONDS = 60;
    private static final boolean PROC = Files.isSymbolicLink(Path.of("/proc/self/cwd"));

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final FileLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, FileLock lock) {
        this.postgres = postgres;
        this.directory = directory;
        this.lock = lock;
    }

    /** Starts PostgreSQL on {@code dataDirectory}, creating it when new; refuses when another JVM runs on it. */
    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        return start(dataDirectory, 0);
    }

    /** The same, listening on {@code port} (0: a free one). */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        FileLock lock = lock(directory);
        try {
            stopOrphans(directory);
            EmbeddedPostgres.Builder builder =
                    builder().setDataDirectory(directory).setCleanDataDirectory(false);
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedDatabase(postgres, directory, lock);
        } catch (IOException | RuntimeException e) {
            unlock(directory, lock);
            throw e;
        }
    }

    /** Starts PostgreSQL in a temporary folder that is removed when it stops. */
    public static EmbeddedDatabase startTemporary() throws IOException {
        return new EmbeddedDatabase(builder().start(), null, null);
    }

    private static EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Stopped by close(), after everything that uses the database: with its own JVM shutdown hook
                // PostgreSQL could stop first, and the event processors' last token release then waited 30 s for a
                // connection before the process could exit.
                .setRegisterShutdownHook(false);
        CAPACITY.forEach(builder::setServerConfig);
        DURABLE.forEach(builder::setServerConfig);
        return builder;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (lock != null) {
                unlock(directory, lock);
            }
        }
    }

    /**
     * The lock lives beside the data directory ({@code initdb} wants an empty folder) and is held until close or
     * until the JVM ends. Within this JVM the set of held directories answers first: closing a second channel on the
     * lock file would release the lock that the first one holds.
     */
    private static FileLock lock(Path directory) throws IOException {
        Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
        FileLock lock = null;
        if (HELD.add(directory)) {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(directory);
            }
        }
        if (lock == null) {
            throw new IllegalStateException("Another messenger is running on the database in " + directory
                    + " (it holds " + lockFile + "). Stop it first, or give this one a data directory of its own"
                    + " (MESSENGER_DATA_DIR).");
        }
        return lock;
    }

    private static void unlock(Path directory, FileLock lock) throws IOException {
        try {
            lock.channel().close();
        } finally {
            HELD.remove(directory);
        }
    }

    /**
     * With the lock held, every PostgreSQL on this directory was left by a JVM that died: stop it cleanly (it then
     * writes a checkpoint), and remove a lock file of PostgreSQL's that no running server owns.
     */
    private static void stopOrphans(Path directory) throws IOException {
        Path pidFile = directory.resolve(PID_FILE);
        Optional<ProcessHandle> postmaster = postmasterOf(directory);
        if (postmaster.isPresent()) {
            ProcessHandle server = postmaster.get();
            log.warn(
                    "PostgreSQL (pid {}) is still running on {}, left by a run that ended without stopping it:"
                            + " stopping it",
                    server.pid(),
                    directory);
            // SIGTERM is PostgreSQL's smart shutdown: the dead JVM's sessions are gone, so it checkpoints and exits.
            server.destroy();
            if (!awaitExit(server)) {
                log.warn("PostgreSQL (pid {}) did not stop within {} s: killing it", server.pid(), STOP_WAIT_SECONDS);
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
                awaitExit(server);
            }
        }
        for (ProcessHandle backend : serversOf(directory)) {
            // Backends whose postmaster was killed keep its shared memory, and a new server refuses to start then.
            log.warn("Stopping a leftover PostgreSQL process (pid {}) on {}", backend.pid(), directory);
            backend.destroyForcibly();
            awaitExit(backend);
        }
        if (Files.exists(pidFile) && postmasterOf(directory).isEmpty()) {
            log.warn("Removing {}: no running server owns it", pidFile);
            Files.deleteIfExists(pidFile);
        }
    }

    /** The server named in the directory's {@code postmaster.pid}, when it is alive and runs on this directory. */
    private static Optional<ProcessHandle> postmasterOf(Path directory) throws IOException {
        Path pidFile = directory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
        // After a host crash the pid may belong to another program now.
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> runsOn(p, directory));
    }

    /**
     * Every live process that works in the directory: PostgreSQL's processes all do. Only where {@code /proc} tells
     * (Linux); elsewhere the pid file is all there is.
     */
    private static List<ProcessHandle> serversOf(Path directory) {
        if (!PROC) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> runsOn(p, directory))
                .toList();
    }

    private static boolean runsOn(ProcessHandle process, Path directory) {
        if (!PROC) {
            return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
        }
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
            return cwd.equals(directory.toRealPath());
        } catch (IOException | UncheckedIOException | SecurityException gone) {
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception timedOut) {
            return !process.isAlive();
        }
    }
}

package dev.curious.messenger.platform.database;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks at start that the database keeps every acknowledged commit through a crash of PostgreSQL or of its host:
 * {@code fsync} and {@code full_page_writes} on, {@code synchronous_commit} not {@code off} (every other value
 * waits for the local WAL flush). An unsafe database stops the start, unless
 * {@code messenger.database.allow-unsafe-durability} says that losing acknowledged messages is acceptable. As a bean, it
 * checks once it is made: whatever migrates or writes the database takes it as a dependency.
 */
public final class Durability implements InitializingBean {

    /** The settings whose other values can lose a committed transaction, with the values that cannot. */
    static final Map<String, Set<String>> SAFE = Map.of(
            "fsync", Set.of("on"),
            "full_page_writes", Set.of("on"),
            "synchronous_commit", Set.of("on", "local", "remote_write", "remote_apply"));

    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    private final DataSource dataSource;
    private final boolean allowUnsafe;

    public Durability(DataSource dataSource, boolean allowUnsafe) {
        this.dataSource = dataSource;
        this.allowUnsafe = allowUnsafe;
    }

    @Override
    public void afterPropertiesSet() {
        verify();
    }

    /** The unsafe settings of the database, by name, with their values; empty when it is safe. */
    static Map<String, String> unsafeSettings(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Map<String, String> unsafe = new LinkedHashMap<>();
        SAFE.keySet().stream().sorted().forEach(name -> {
            String value = jdbc.sql("SELECT current_setting(?)")
                    .param(name)
                    .query(String.class)
                    .single();
            if (!SAFE.get(name).contains(value)) {
                unsafe.put(name, value);
            }
        });
        return unsafe;
    }

    /** Throws when the database can lose acknowledged writes, unless {@code allowUnsafe}; then it only warns. */
    void verify() {
        Map<String, String> unsafe = unsafeSettings(dataSource);
        if (unsafe.isEmpty()) {
            return;
        }
        StringBuilder fix = new StringBuilder();
        unsafe.keySet()
                .forEach(name -> fix.append(" ALTER SYSTEM SET ").append(name).append(" = on;"));
        String problem = "The database can lose acknowledged messages in a crash: " + unsafe + "." + fix
                + " SELECT pg_reload_conf(); (full_page_writes and fsync may need a restart).";
        if (!allowUnsafe) {
            throw new IllegalStateException(problem + " To start anyway, accepting that loss, set"
                    + " MESSENGER_DATABASE_ALLOW_UNSAFE_DURABILITY=true.");
        }
        log.warn("{} Starting anyway: messenger.database.allow-unsafe-durability is set.", problem);
    }
}

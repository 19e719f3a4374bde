package dev.curious.messenger.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every service configures alike, bound once ({@code MESSENGER_CONTENT_MASTER_KEY=...}, ...).
 *
 * @param database the database the services share
 * @param content how message content is sealed
 * @param history how the analysts' event history reads the store
 * @param embeddedPostgres the PostgreSQL started inside the JVM when no database is configured
 * @param events how this process learns of events other processes append to the PostgreSQL event store
 */
@ConfigurationProperties("messenger")
public record PlatformProperties(
        @DefaultValue Database database,
        @DefaultValue Content content,
        @DefaultValue History history,
        @DefaultValue EmbeddedPostgres embeddedPostgres,
        @DefaultValue Events events) {

    /** @param allowUnsafeDurability start even when the database may lose what it acknowledged (tests only) */
    public record Database(@DefaultValue("false") boolean allowUnsafeDurability) {}

    /**
     * @param masterKey the deployment's master key, base64 (every service the same)
     * @param keyFile where the standalone run keeps the master key it generates once, when none is given
     */
    public record Content(String masterKey, String keyFile) {

        /** The master key, given or read from (or first generated into) the key file. */
        public byte[] resolveMasterKey() {
            return Secrets.resolve(
                    masterKey,
                    keyFile == null || keyFile.isBlank() ? null : Path.of(keyFile),
                    "master key of message content",
                    "MESSENGER_CONTENT_MASTER_KEY");
        }
    }

    /** @param gapSettle how long a gap in the global index may stay open before readers pass it */
    public record History(@DefaultValue("10s") Duration gapSettle) {}

    /**
     * @param otherProcesses other processes append to the same PostgreSQL event store (the services run apart): each
     *     append is announced to them, and theirs heard here, at once ({@code NOTIFY}/{@code LISTEN})
     * @param poll how often the store is read for events when nothing announced any
     */
    public record Events(
            @DefaultValue("false") boolean otherProcesses,
            @DefaultValue("1s") Duration poll) {}

    /** @param dataDir where its data survives restarts; without it, a temporary folder removed on exit */
    public record EmbeddedPostgres(String dataDir) {

        /** The data directory, or none: a temporary database. */
        public Optional<Path> directory() {
            return dataDir == null || dataDir.isBlank()
                    ? Optional.empty()
                    : Optional.of(Path.of(dataDir).toAbsolutePath());
        }
    }
}

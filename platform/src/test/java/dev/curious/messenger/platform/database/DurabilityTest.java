package dev.curious.messenger.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

class DurabilityTest {

    @Test
    void refusesADatabaseThatAcknowledgesCommitsBeforeTheyAreDurable() throws Exception {
        // The embedded library's defaults: synchronous_commit off, and -F (fsync off).
        try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder().start()) {
            assertThat(Durability.unsafeSettings(unsafe.getPostgresDatabase()))
                    .containsEntry("synchronous_commit", "off")
                    .containsEntry("fsync", "off");
            assertThatThrownBy(() -> new Durability(unsafe.getPostgresDatabase(), false).verify())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("can lose acknowledged messages")
                    .hasMessageContaining("ALTER SYSTEM SET synchronous_commit = on")
                    .hasMessageContaining("MESSENGER_DATABASE_ALLOW_UNSAFE_DURABILITY=true");
            assertThatCode(() -> new Durability(unsafe.getPostgresDatabase(), true).verify())
                    .as("allowed explicitly")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsEveryLocallyDurableSynchronousCommit() throws Exception {
        try (EmbeddedPostgres local = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "local")
                .start()) {
            assertThat(Durability.unsafeSettings(local.getPostgresDatabase())).isEmpty();
        }
    }
}

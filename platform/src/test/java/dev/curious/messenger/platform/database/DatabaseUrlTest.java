package dev.curious.messenger.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void readsHostingPlatformStyleUrls() {
        assertThat(DatabaseUrl.toDataSourceProperties(
                        "postgres://chat:s%40cret@db.local:6543/messenger?sslmode=require"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.local:6543/messenger?sslmode=require")
                .containsEntry("spring.datasource.username", "chat")
                .containsEntry("spring.datasource.password", "s@cret");
    }

    @Test
    void defaultsThePortAndTakesJdbcUrlsAsTheyAre() {
        assertThat(DatabaseUrl.toDataSourceProperties("postgresql://db/messenger"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/messenger")
                .doesNotContainKey("spring.datasource.username");
        assertThat(DatabaseUrl.toDataSourceProperties("jdbc:postgresql://db:5432/m"))
                .containsExactlyEntriesOf(java.util.Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/m"));
    }

    @Test
    void rejectsOtherDatabases() {
        assertThatThrownBy(() -> DatabaseUrl.toDataSourceProperties("mysql://db/messenger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres");
    }
}

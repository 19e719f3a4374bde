package dev.curious.messenger.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.user.Nicknames;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class NicknameKeyMigrationTest {

    private static final String TABLE =
            "CREATE TABLE users (id UUID PRIMARY KEY, nickname TEXT NOT NULL, nickname_key TEXT NOT NULL %s,"
                    + " registered_at TIMESTAMPTZ NOT NULL)";

    private static void insert(JdbcClient jdbc, String nickname, String oldKey, int minute) {
        jdbc.sql("INSERT INTO users VALUES (?, ?, ?, timestamptz '2026-01-01 10:00Z' + ? * interval '1 minute')")
                .params(UUID.randomUUID(), nickname, oldKey, minute)
                .update();
    }

    private static void migrate(EmbeddedDatabase database, boolean unique) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            new NicknameKeyMigration("3", "users", "id", "nickname", "nickname_key", "registered_at", unique)
                    .migrate(new Context() {
                        @Override
                        public Configuration getConfiguration() {
                            return null;
                        }

                        @Override
                        public Connection getConnection() {
                            return connection;
                        }
                    });
        }
    }

    /** Case-folded keys as they were stored before: look-alikes could register then. */
    private static void legacyUsers(JdbcClient jdbc) {
        insert(jdbc, "Admin", "admin", 1);
        insert(jdbc, "adrnin", "adrnin", 2);
        insert(jdbc, "adm", "adm", 3);
        insert(jdbc, "adrn", "adrn", 4);
        insert(jdbc, "Straße", "strasse", 5);
    }

    @Test
    void recomputesEveryKeyKeepingEveryRowAndSuffixingLaterLookAlikes() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            jdbc.sql(TABLE.formatted("UNIQUE")).update();
            legacyUsers(jdbc);

            migrate(database, true);

            Map<String, String> keys = jdbc
                    .sql("SELECT nickname, nickname_key FROM users")
                    .query((row, n) -> Map.entry(row.getString(1), row.getString(2)))
                    .list()
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(keys).hasSize(5);
            assertThat(keys.get("Admin")).isEqualTo(Nicknames.key("admin"));
            assertThat(keys.get("adrnin")).startsWith(Nicknames.key("admin") + "#");
            // "adm" becomes "adrn", which was another row's old key while the unique index held
            assertThat(keys.get("adm")).isEqualTo(Nicknames.key("adrn"));
            assertThat(keys.get("adrn")).startsWith(Nicknames.key("adrn") + "#");
            assertThat(keys.get("Straße")).isEqualTo(Nicknames.key("STRASSE"));
        }
    }

    @Test
    void withoutUniquenessLookAlikesKeepTheSharedKey() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            jdbc.sql(TABLE.formatted("")).update();
            legacyUsers(jdbc);

            migrate(database, false);

            assertThat(jdbc.sql("SELECT nickname FROM users WHERE nickname_key = ? ORDER BY registered_at")
                            .param(Nicknames.key("admin"))
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of("Admin", "adrnin"));
        }
    }
}

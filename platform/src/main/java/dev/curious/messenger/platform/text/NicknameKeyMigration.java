package dev.curious.messenger.platform.text;

import dev.curious.messenger.api.user.Nicknames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Recomputes a table's stored nickname keys with {@link Nicknames#key} after the key's definition changed, keeping
 * every row. Where older rows share a key under the new definition (look-alikes registered before it), the first
 * one (by {@code orderColumn}) keeps the key and the others, when {@code unique}, get it suffixed with their id, so
 * that a unique index holds and nobody can register that name again.
 *
 * @param version the migration's version in its module
 * @param table the table
 * @param idColumn its primary key
 * @param sourceColumn what the key is computed from: the nickname, or the old key where only that is stored
 * @param keyColumn the key
 * @param orderColumn which row keeps a shared key: the first by this column
 * @param unique whether rows after the first get a suffixed key
 */
public record NicknameKeyMigration(
        String version,
        String table,
        String idColumn,
        String sourceColumn,
        String keyColumn,
        String orderColumn,
        boolean unique)
        implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return "nickname keys of " + table + " as confusable skeletons";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<Object, String> keys = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT " + idColumn + ", " + sourceColumn + " FROM " + table
                        + " ORDER BY " + orderColumn + ", " + idColumn)) {
            while (rows.next()) {
                Object id = rows.getObject(1);
                String key = Nicknames.key(rows.getString(2));
                keys.put(id, unique && !taken.add(key) ? key + "#" + id : key);
            }
        }
        // Two passes: a row's new key may be another row's old one while a unique index is in place.
        try (Statement clear = connection.createStatement()) {
            clear.executeUpdate("UPDATE " + table + " SET " + keyColumn + " = '#' || " + idColumn);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET " + keyColumn + " = ? WHERE " + idColumn + " = ?")) {
            for (Map.Entry<Object, String> row : keys.entrySet()) {
                update.setString(1, row.getValue());
                update.setObject(2, row.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}

package dev.curious.messenger.platform.database;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;

/**
 * Migrates the tables one module owns, from {@code classpath:db/<module>}, with a history table of its own. Each
 * module evolves its schema on its own and the services that do not contain a module never create its tables.
 * Spring Boot orders these initializers before anything that uses the database.
 */
public final class ModuleSchema {

    private ModuleSchema() {}

    /**
     * An initializer to declare as a bean in the module's configuration; {@code code} are migrations written in Java,
     * in the order of their versions with the SQL ones.
     */
    public static FlywayMigrationInitializer migrations(DataSource dataSource, String module, JavaMigration... code) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + module)
                .javaMigrations(code)
                .table("flyway_history_" + module.replace('-', '_'))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        return new FlywayMigrationInitializer(flyway);
    }
}

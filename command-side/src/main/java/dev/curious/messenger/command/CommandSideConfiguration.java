package dev.curious.messenger.command;

import dev.curious.messenger.platform.database.ModuleSchema;
import dev.curious.messenger.platform.text.NicknameKeyMigration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The command side's own tables (the lookups that aggregates consult for set-based rules) and its retention job. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CommandSideConfiguration {

    @Bean
    FlywayMigrationInitializer commandSideSchema(DataSource dataSource) {
        return ModuleSchema.migrations(
                dataSource,
                "command",
                new NicknameKeyMigration(
                        "3", "command_user_directory", "user_id", "nickname", "nickname_key", "user_id", true));
    }
}

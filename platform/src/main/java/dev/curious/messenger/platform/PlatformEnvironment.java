package dev.curious.messenger.platform;

import dev.curious.messenger.platform.database.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * Defaults that every service shares, below anything the deployment sets: the database from {@code DATABASE_URL},
 * Axon Server switched on exactly when an address is configured ({@code AXON_SERVER} or
 * {@code axon.axonserver.servers}; without one, events go to the PostgreSQL event store), the short environment
 * variables of the configuration table (docs/operations.md), and {@value #DEFAULTS}.
 */
public class PlatformEnvironment implements EnvironmentPostProcessor {

    static final String AXON_SERVER_ENABLED = "axon.axonserver.enabled";
    static final String AXON_SERVERS = "axon.axonserver.servers";
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
    static final String TOMCAT_USER_DATA_LOG = "org.apache.juli.logging.UserDataHelper.CONFIG";
    static final String DEFAULTS = "messenger-defaults.yml";

    /** Environment variables shorter than Spring's name for their property ({@code MESSENGER_CONVERSATION_...}). */
    static final Map<String, String> SHORT_NAMES = Map.of(
            "MESSENGER_SNAPSHOT_THRESHOLD", "messenger.conversation.snapshot-threshold",
            "MESSENGER_MAX_CONNECTIONS", "server.tomcat.max-connections");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String databaseUrl = environment.getProperty("DATABASE_URL");
        if (StringUtils.hasText(databaseUrl)
                && !StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            defaults.putAll(DatabaseUrl.toDataSourceProperties(databaseUrl));
        }
        String servers = environment.getProperty(AXON_SERVERS, environment.getProperty("AXON_SERVER", ""));
        if (StringUtils.hasText(servers)) {
            defaults.put(AXON_SERVERS, servers);
        }
        defaults.put(AXON_SERVER_ENABLED, StringUtils.hasText(servers));
        SHORT_NAMES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (StringUtils.hasText(value)) {
                defaults.put(property, value);
            }
        });
        // Each module migrates its own tables (ModuleSchema); Spring Boot's single Flyway would mix them.
        defaults.put("spring.flyway.enabled", false);
        // Axon's JPA wiring would map its event and token entities with Hibernate (oid columns, pooled sequences);
        // the event store and token store here use Axon's JDBC engine on tables created by migrations.
        defaults.put(
                "spring.autoconfigure.exclude",
                "org.axonframework.springboot.autoconfig.JpaAutoConfiguration,"
                        + "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration,"
                        + "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxAutoConfiguration,"
                        + "org.axonframework.springboot.autoconfig.legacyjpa.JpaJavaxEventStoreAutoConfiguration");
        // Read models: Flyway owns the schema, Hibernate only checks its mappings against it; inserts and updates of a
        // projection batch go to PostgreSQL in JDBC batches, which the driver rewrites into multi-row statements.
        defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
        defaults.put("spring.jpa.open-in-view", false);
        defaults.put("spring.jpa.properties.hibernate.jdbc.batch_size", 200);
        defaults.put("spring.jpa.properties.hibernate.order_inserts", true);
        defaults.put("spring.jpa.properties.hibernate.order_updates", true);
        defaults.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", true);
        // Spring 6.2 warns once per Axon annotation about attribute overrides by convention: Axon's to change.
        defaults.put("logging.level.org.springframework.core.annotation.AnnotationTypeMapping", "error");
        // Axon's update checker phones home on a timer; a messenger reports nothing anywhere unless asked to.
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        // Tomcat logs what it could not parse (a cookie header, a request line) at INFO, with the client's data: a
        // token sent as a cookie would land in the log. Never, here.
        if (System.getProperty(TOMCAT_USER_DATA_LOG) == null) {
            System.setProperty(TOMCAT_USER_DATA_LOG, "NONE");
        }
        environment.getPropertySources().addLast(new MapPropertySource("messengerPlatformDefaults", defaults));
        shared().forEach(environment.getPropertySources()::addLast);
    }

    private static Iterable<PropertySource<?>> shared() {
        try {
            return new YamlPropertySourceLoader().load(DEFAULTS, new ClassPathResource(DEFAULTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

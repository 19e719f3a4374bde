package dev.curious.messenger.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.curious.messenger.platform.database.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

class PlatformWiringTest {

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(PlatformTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }

    @Test
    void withoutADatabaseStartsAnEmbeddedPostgresAndTheJdbcEventStore() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeansOfType(EmbeddedDatabase.class)).hasSize(1);
            assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            assertThat(context.getBean(Environment.class).getProperty("axon.axonserver.enabled"))
                    .isEqualTo("false");
            assertThat(context.getBeansOfType(AxonServerConfiguration.class)).isEmpty();
        }
    }

    @Test
    void honoursAConfiguredDatabaseAndMigratesIt() throws Exception {
        try (EmbeddedDatabase external = EmbeddedDatabase.startTemporary()) {
            String url = "postgres://postgres:@localhost:" + external.port() + "/postgres";
            try (ConfigurableApplicationContext context = start("DATABASE_URL=" + url)) {
                assertThat(context.getBeansOfType(EmbeddedDatabase.class)).isEmpty();
            }
            JdbcClient externalJdbc = JdbcClient.create(external.dataSource());
            assertThat(externalJdbc
                            .sql(
                                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'domain_event_entry'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void refusesToStartOnADatabaseThatCanLoseAcknowledgedCommits() throws Exception {
        try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder().start()) {
            String url = "postgres://postgres:@localhost:" + unsafe.getPort() + "/postgres";
            assertThatThrownBy(() -> start("DATABASE_URL=" + url).close())
                    .rootCause()
                    .hasMessageContaining("The database can lose acknowledged messages in a crash");
            JdbcClient unsafeJdbc = JdbcClient.create(unsafe.getPostgresDatabase());
            assertThat(unsafeJdbc
                            .sql(
                                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'domain_event_entry'")
                            .query(Long.class)
                            .single())
                    .as("nothing migrated")
                    .isZero();
            start("DATABASE_URL=" + url, "messenger.database.allow-unsafe-durability=true")
                    .close();
        }
    }

    @Test
    void anAxonServerAddressSwitchesEventsCommandsAndQueriesToAxonServer() {
        var environment = new MockEnvironment().withProperty("AXON_SERVER", "axon:8124");
        new PlatformEnvironment().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("axon.axonserver.servers")).isEqualTo("axon:8124");

        try (ConfigurableApplicationContext context =
                start("AXON_SERVER=localhost:1", "axon.axonserver.connect-timeout=100")) {
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(context.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
        }

        var explicit = new MockEnvironment()
                .withProperty("axon.axonserver.servers", "a:8124,b:8124")
                .withProperty("axon.axonserver.enabled", "false");
        new PlatformEnvironment().postProcessEnvironment(explicit, null);
        assertThat(explicit.getProperty("axon.axonserver.enabled"))
                .as("an explicit setting wins")
                .isEqualTo("false");
    }

    @Test
    void sharedDefaultsAreTheLowestSourceAndTheShortVariablesSetTheirProperties() {
        var environment = new MockEnvironment()
                .withProperty("MESSENGER_SNAPSHOT_THRESHOLD", "50")
                .withProperty("axon.timeout.enabled", "true");
        new PlatformEnvironment().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("messenger.conversation.snapshot-threshold"))
                .isEqualTo("50");
        assertThat(environment.getProperty("server.tomcat.max-connections")).isEqualTo("50000");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("axon.timeout.enabled"))
                .as("what the service sets wins over the shared defaults")
                .isEqualTo("true");

        var unset = new MockEnvironment();
        new PlatformEnvironment().postProcessEnvironment(unset, null);
        assertThat(unset.containsProperty("messenger.conversation.snapshot-threshold"))
                .as("the record's default applies")
                .isFalse();
        assertThat(unset.getProperty("axon.timeout.enabled")).isEqualTo("false");
    }
}

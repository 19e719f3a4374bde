package dev.curious.messenger.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.curious.messenger.api.user.UserRegistered;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two processes on one PostgreSQL event store, as when the services run apart: what one appends wakes the other's
 * processors at once ({@code NOTIFY}/{@code LISTEN}), although the other reads the store on its own only every minute
 * here.
 */
@SpringBootTest(
        classes = CommandAndQuerySides.class,
        properties = {"messenger.events.other-processes=true", "messenger.events.poll=60s"})
class OtherProcessesTest {

    @Autowired
    Chat chat;

    @Autowired
    DataSource dataSource;

    @Test
    void anAppendInOneProcessWakesTheOthersProcessorsAtOnce() throws Exception {
        HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CommandAndQuerySides.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=" + database.getJdbcUrl(),
                        "spring.datasource.username=" + database.getUsername(),
                        "spring.datasource.password=" + database.getPassword(),
                        "messenger.events.other-processes=true",
                        "messenger.events.poll=60s",
                        "axon.eventhandling.processors.users.mode=subscribing",
                        "axon.eventhandling.processors.conversations.mode=subscribing",
                        "axon.eventhandling.processors.audit.mode=subscribing")
                .run()) {
            @SuppressWarnings("unchecked")
            StreamableMessageSource<TrackedEventMessage<?>> events =
                    other.getBean("promptEvents", StreamableMessageSource.class);
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(events.createHeadToken())) {
                // The other process has read the store up to here; from now on only its minute-long poll or a
                // notification brings it news.
                assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isFalse();
                CountDownLatch woken = new CountDownLatch(1);
                stream.setOnAvailableCallback(woken::countDown);

                UUID ada = chat.register("ada");

                assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
                assertThat(stream.nextAvailable().getPayload())
                        .isInstanceOfSatisfying(
                                UserRegistered.class,
                                registered -> assertThat(registered.userId()).isEqualTo(ada));
            }
        }
    }
}

package dev.curious.messenger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.user.UserRegistered;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A processor whose store cannot be reached fails at 0, 1, 3, 7 and 15 s and Axon would next try at 31 s; once the
 * failures stop it resumes within seconds ({@link ProcessorRecovery}).
 */
@SpringBootTest(classes = CommandAndQuerySides.class)
@Import(ProcessorRecoveryTest.Probe.class)
class ProcessorRecoveryTest {

    /** A projection that cannot reach its store while {@code down} is set. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Probe {
        static final AtomicBoolean down = new AtomicBoolean();
        static final Set<UUID> projected = ConcurrentHashMap.newKeySet();
        static final AtomicInteger failures = new AtomicInteger();

        @Bean
        Handler recoveryProbe() {
            return new Handler();
        }

        /** As the read-model groups have it: a failed event is retried, never skipped. */
        @Autowired
        void retryFailures(EventProcessingConfigurer processing) {
            processing.registerListenerInvocationErrorHandler(
                    "recovery-probe", configuration -> PropagatingErrorHandler.instance());
        }

        @ProcessingGroup("recovery-probe")
        static class Handler {
            @EventHandler
            void on(UserRegistered event) {
                if (down.get()) {
                    failures.incrementAndGet();
                    throw new DataAccessResourceFailureException("the probe's database cannot be reached");
                }
                projected.add(event.userId());
            }
        }
    }

    @Autowired
    Chat chat;

    @Test
    void aProcessorResumesWithinSecondsOfItsStoreComingBack() {
        UUID before = chat.register("before");
        await().atMost(Duration.ofSeconds(30)).until(() -> Probe.projected.contains(before));

        Probe.down.set(true);
        UUID during = chat.register("during");
        // Five failures: by now Axon alone would wait 16 s or more before its next attempt.
        await().atMost(Duration.ofSeconds(40)).until(() -> Probe.failures.get() >= 5);
        Probe.down.set(false);
        long back = System.nanoTime();

        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Probe.projected.contains(during));
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void onlyFailuresToReachAStoreCountAsOutages() {
        assertThat(ProcessorRecovery.outage(new DataAccessResourceFailureException("down")))
                .isTrue();
        assertThat(ProcessorRecovery.outage(new IllegalStateException("wrapped", new java.net.ConnectException())))
                .isTrue();
        assertThat(ProcessorRecovery.outage(new java.sql.SQLException("gone", "08006")))
                .isTrue();
        assertThat(ProcessorRecovery.outage(new IllegalArgumentException("a bad event")))
                .isFalse();
        assertThat(ProcessorRecovery.outage(new java.sql.SQLException("constraint", "23505")))
                .isFalse();
    }
}

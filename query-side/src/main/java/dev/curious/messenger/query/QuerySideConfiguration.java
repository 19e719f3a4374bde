package dev.curious.messenger.query;

import dev.curious.messenger.platform.database.ModuleSchema;
import dev.curious.messenger.platform.text.NicknameKeyMigration;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The read-model tables, migrated before Hibernate validates its mappings against them, and one tracking processor
 * per processing group. A projection that fails stops its processor, which retries the batch with back-off rather
 * than skipping the event, so that the read model never silently misses a change.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
// The read-model entities are found wherever the application class of the process lives (standalone, service, bench).
@AutoConfigurationPackage(basePackageClasses = QuerySideConfiguration.class)
class QuerySideConfiguration {

    @Bean
    FlywayMigrationInitializer querySideSchema(DataSource dataSource) {
        return ModuleSchema.migrations(
                dataSource,
                "query",
                new NicknameKeyMigration("3", "auth_users", "id", "nickname", "nickname_key", "registered_at", true));
    }

    /**
     * Per group: {@code messenger.projections.<group>.segments} (how many parts the group's events are split into by
     * aggregate, fixed when the group's tokens are first created) and {@code .threads} (how many segments this node
     * works on at once). Several query-side nodes share a group's segments through claims on the token store;
     * {@code messenger.projections.token-claim-interval} is how often a node looks for unclaimed segments.
     */
    @Autowired
    void configureProcessors(
            EventProcessingConfigurer processing,
            Environment environment,
            @Value("${messenger.projections.batch-size:500}") int batchSize,
            @Value("${messenger.projections.token-claim-interval:5s}") Duration claimInterval) {
        for (String group : ProcessingGroups.ALL) {
            int segments = environment.getProperty("messenger.projections." + group + ".segments", Integer.class, 1);
            int threads = environment.getProperty("messenger.projections." + group + ".threads", Integer.class, 1);
            processing.registerTrackingEventProcessor(
                    group,
                    configuration -> configuration.eventStore(),
                    configuration -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                            .andInitialSegmentsCount(segments)
                            .andBatchSize(batchSize)
                            .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerListenerInvocationErrorHandler(
                    group, configuration -> PropagatingErrorHandler.instance());
        }
    }
}

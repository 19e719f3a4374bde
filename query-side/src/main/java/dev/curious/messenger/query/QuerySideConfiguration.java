package dev.curious.messenger.query;

import dev.curious.messenger.platform.database.ModuleSchema;
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

/**
 * The read-model tables, migrated before Hibernate validates its mappings against them, and one tracking processor
 * per processing group. A projection that fails stops its processor, which retries the batch with back-off rather
 * than skipping the event, so that the read model never silently misses a change.
 */
@Configuration(proxyBeanMethods = false)
// The read-model entities are found wherever the application class of the process lives (standalone, service, bench).
@AutoConfigurationPackage(basePackageClasses = QuerySideConfiguration.class)
class QuerySideConfiguration {

    @Bean
    FlywayMigrationInitializer querySideSchema(DataSource dataSource) {
        return ModuleSchema.migrations(dataSource, "query");
    }

    @Autowired
    void configureProcessors(
            EventProcessingConfigurer processing, @Value("${messenger.projections.batch-size:500}") int batchSize) {
        for (String group : ProcessingGroups.ALL) {
            processing.registerTrackingEventProcessor(
                    group,
                    configuration -> configuration.eventStore(),
                    configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(batchSize)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
            processing.registerListenerInvocationErrorHandler(
                    group, configuration -> PropagatingErrorHandler.instance());
        }
    }
}

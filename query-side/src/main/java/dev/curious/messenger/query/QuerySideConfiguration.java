package dev.curious.messenger.query;

import dev.curious.messenger.platform.database.ModuleSchema;
import dev.curious.messenger.platform.text.NicknameKeyMigration;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
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
     * A projection that fails stops its processor's batch, which is retried with back-off, rather than skipping the
     * event. The processors themselves are set up by {@code axon.eventhandling.processors.*} (application.yml).
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ObjectProvider<ProcessorRecovery> recovery) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.registerDefaultErrorHandler(configuration -> recovery.getObject());
    }

    /** The token store's identifier, made before the processors start ({@link TokenStoreIdentifier}). */
    @Bean
    @DependsOn("platformSchema")
    InitializingBean tokenStoreIdentifier(TokenStore tokenStore, TransactionManager transactions) {
        return () -> TokenStoreIdentifier.ensure(tokenStore, transactions);
    }
}

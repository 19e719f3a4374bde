package dev.curious.messenger.platform.axon;

import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The event store when no Axon Server is configured: Axon's JDBC engine on the tables Flyway made, inside Axon's
 * embedded store, which a processor of this JVM can ask to read what other processes appended now
 * ({@link LocalEventStore#fetchNow()}) instead of at its next poll.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class EventStoreOnPostgres {

    /**
     * Events read per query: Axon's 100 made a replay one query per 100 events; 1,000 takes a tenth of the round
     * trips for the same memory a processor's batch holds anyway.
     */
    static final int EVENTS_PER_QUERY = 1_000;

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(EVENTS_PER_QUERY)
                .build();
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    LocalEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return new LocalEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /** Axon's embedded store, which can be told that other processes appended events. */
    static final class LocalEventStore extends EmbeddedEventStore {

        LocalEventStore(Builder builder) {
            super(builder);
        }

        /** Reads the store's new events now rather than at the producer's next poll (every second). */
        void fetchNow() {
            afterCommit(List.of());
        }
    }
}

package dev.curious.messenger.platform.axon;

import dev.curious.messenger.platform.PlatformProperties;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The event store when no Axon Server is configured: Axon's JDBC engine on the tables Flyway made, inside Axon's
 * embedded store. When other processes append to the same store ({@code messenger.events.other-processes}), each
 * append is announced to them and theirs are heard here ({@link EventNotifications}), so that the store reads them at
 * once instead of at its next poll.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class EventStoreOnPostgres {

    /**
     * Events the store keeps in memory for its readers at the head (Axon's default: 10,000, each with its upcast JSON
     * tree). The processors keep up or read from the database; a tenth of the default bounds what the store holds for
     * a reader that stopped reading (the analysts' history streaming to a slow client, in a 128 MiB heap test).
     */
    static final int CACHED_EVENTS = 1_000;

    /**
     * Axon's own JDBC engine, built as its auto-configuration builds it: that one steps back once this class defines
     * the event store, so it is defined here with it.
     */
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
                .build();
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    LocalEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            PlatformProperties properties,
            ObjectProvider<EventNotifications> notifications) {
        Runnable appended = properties.events().otherProcesses() ? notifications.getObject()::appended : () -> {};
        return new LocalEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .fetchDelay(properties.events().poll().toMillis())
                        .cachedEvents(CACHED_EVENTS)
                        .timeUnit(TimeUnit.MILLISECONDS)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
                appended);
    }

    @Bean(destroyMethod = "close")
    EventNotifications eventNotifications(DataSource dataSource) {
        return new EventNotifications(dataSource);
    }

    /** Other processes' appends wake this one's store and processors at once. */
    @Bean
    @ConditionalOnProperty("messenger.events.other-processes")
    InitializingBean listenForOtherProcesses(EventNotifications notifications, EventArrivals arrivals) {
        return () -> notifications.listen(arrivals::arrived);
    }

    /** Axon's embedded store, which can be told that other processes appended events, and tells them of its own. */
    static final class LocalEventStore extends EmbeddedEventStore {

        private final Runnable appended;

        LocalEventStore(Builder builder, Runnable appended) {
            super(builder);
            this.appended = appended;
        }

        @Override
        protected void prepareCommit(List<? extends EventMessage<?>> events) {
            super.prepareCommit(events);
            if (!events.isEmpty()) {
                appended.run();
            }
        }

        /** Reads the store's new events now rather than at the producer's next poll (every second). */
        void fetchNow() {
            afterCommit(List.of());
        }
    }
}

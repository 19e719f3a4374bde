package dev.curious.messenger.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.curious.messenger.platform.PlatformProperties;
import dev.curious.messenger.platform.content.ContentKeys;
import dev.curious.messenger.platform.content.ContentSealingMigration;
import dev.curious.messenger.platform.content.SealingSerializer;
import dev.curious.messenger.platform.database.Durability;
import dev.curious.messenger.platform.database.ModuleSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Axon infrastructure of every service: without Axon Server, Axon's JDBC event storage engine on PostgreSQL
 * ({@code bytea} payloads, an identity global index that steps by one); in every case the token store in PostgreSQL,
 * one JSON serializer for events, messages and snapshots, and correlation metadata on every event.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
@Import({DatabaseInitializationDependencyConfigurer.class, EventStoreOnPostgres.class})
@EnableConfigurationProperties(PlatformProperties.class)
public class AxonPlatformAutoConfiguration {

    /** The check, at start, that the database keeps what it acknowledges; the event store is migrated after it. */
    @Bean
    Durability durability(DataSource dataSource, PlatformProperties properties) {
        return new Durability(dataSource, properties.database().allowUnsafeDurability());
    }

    /** Event store, snapshot and token tables; owned here because every service reads or writes them. */
    @Bean
    FlywayMigrationInitializer platformSchema(DataSource dataSource, Durability checked, ContentMasterKey masterKey) {
        return ModuleSchema.migrations(dataSource, "platform", new ContentSealingMigration("4", masterKey.bytes()));
    }

    /**
     * The deployment's master key, resolved once: {@code MESSENGER_CONTENT_MASTER_KEY} (every service the same), or a
     * key generated once into {@code messenger.content.key-file} (the standalone run).
     */
    record ContentMasterKey(byte[] bytes) {}

    @Bean
    ContentMasterKey contentMasterKey(PlatformProperties properties) {
        return new ContentMasterKey(properties.content().resolveMasterKey());
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** The token table as Flyway makes it; public for code that builds a token store of its own (tests). */
    @Bean
    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Used for snapshots and tokens, and, through the qualified beans below, for events and messages. */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .objectMapper(messageObjectMapper())
                .revisionResolver(revisionResolver)
                .lenientDeserialization()
                .build();
    }

    /** The senders' content keys, wrapped with the deployment's master key. */
    @Bean
    ContentKeys contentKeys(JdbcClient jdbc, Clock clock, ContentMasterKey masterKey) {
        return new ContentKeys(jdbc, masterKey.bytes(), clock);
    }

    /** Events seal message content with the sender's key on the way in and open it on the way out. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer, ContentKeys keys) {
        return new SealingSerializer(serializer, keys);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Takes snapshots on a thread of its own, so that the command that crosses a snapshot threshold does not wait
     * for it. When snapshots queue up (a burst over many aggregates) the extra ones are dropped: the next threshold
     * takes them again, and until then a load replays a few more events.
     */
    @Bean(destroyMethod = "")
    SpringAggregateSnapshotter aggregateSnapshotter(
            Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor())
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor snapshotExecutor() {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1_000),
                runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The event store as the pooled processors read it: woken when events arrive, or looking on their own. */
    @Bean(destroyMethod = "close")
    EventArrivals eventArrivals(EventStore eventStore) {
        Runnable fetchNow =
                eventStore instanceof EventStoreOnPostgres.LocalEventStore local ? local::fetchNow : () -> {};
        return new EventArrivals(eventStore, fetchNow);
    }

    /** The source of the processors that people wait on ({@code axon.eventhandling.processors.<group>.source}). */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> promptEvents(EventArrivals arrivals) {
        return arrivals.prompt();
    }

    /** The source of the processors nobody waits on: they take twice a second what arrived, as one batch. */
    @Bean
    StreamableMessageSource<TrackedEventMessage<?>> polledEvents(EventArrivals arrivals) {
        return arrivals.polled();
    }

    @Bean
    EventEnvelopes eventEnvelopes(DataSource dataSource) {
        return new EventEnvelopes(new EventPositions(JdbcClient.create(dataSource)));
    }

    @Bean
    EventHistory eventHistory(EventStore eventStore, EventEnvelopes eventEnvelopes, PlatformProperties properties) {
        return new EventHistory(eventStore, eventEnvelopes, properties.history().gapSettle());
    }

    /** Axon puts every upcaster bean into the chain that all event readers use. */
    @Bean
    MessageUpcaster messageUpcaster() {
        return new MessageUpcaster();
    }

    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new ActorCorrelationDataProvider();
    }

    /**
     * The domain's notion of now, in whole milliseconds: the precision of the contract's times, and one that
     * PostgreSQL (microseconds) stores without rounding, so a pushed frame and a later query show the same instant.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    /**
     * Kept apart from the web layer's mapper so that the stored event format changes only on purpose: ISO-8601
     * times, unknown properties ignored so that older readers accept newer payloads.
     */
    static ObjectMapper messageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(FrameJson.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}

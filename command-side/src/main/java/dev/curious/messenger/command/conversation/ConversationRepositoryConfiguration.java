package dev.curious.messenger.command.conversation;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loading a conversation cheap however long it grows: a cache holds up to {@code cache-size} aggregates by
 * strong reference (commands for one conversation are routed to one node, so the cache stays true), and a snapshot
 * every {@code snapshot-threshold} events bounds how many events a cold load replays. Axon's {@code WeakReferenceCache} loses
 * its entries at every young collection, so under load every command reloaded its conversation (docs/benchmarks.md);
 * the cache is Caffeine's (size-bounded, frequency- and recency-aware eviction) through Axon's JCache adapter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class ConversationRepositoryConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter, ConversationProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** A cache manager of this application's own (closed with it), so that contexts in one JVM do not share one. */
    @Bean(destroyMethod = "close")
    CacheManager conversationCacheManager() {
        return Caching.getCachingProvider(CaffeineCachingProvider.class.getName())
                .getCacheManager(
                        URI.create("messenger-conversations-" + UUID.randomUUID()),
                        getClass().getClassLoader());
    }

    @Bean
    Cache conversationCache(CacheManager conversationCacheManager, ConversationProperties properties) {
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setMaximumSize(OptionalLong.of(properties.cacheSize()));
        // Aggregates are live objects, not values to copy; eviction runs on the caller's thread, not a pool's.
        configuration.setStoreByValue(false);
        configuration.setExecutorFactory(() -> Runnable::run);
        return new JCacheAdapter(conversationCacheManager.createCache("conversations", configuration));
    }
}

package dev.curious.messenger.command.conversation;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loading a conversation cheap however long it grows: a cache holds the {@code cache-size} most recently used
 * aggregates (commands for one conversation are routed to one node, so the cache stays true), and a snapshot every
 * {@code threshold} events bounds how many events a cold load replays.
 */
@Configuration(proxyBeanMethods = false)
class ConversationRepositoryConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(
            Snapshotter snapshotter, @Value("${messenger.conversation.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    Cache conversationCache(@Value("${messenger.conversation.cache-size:1000}") int size) {
        return new RecentlyUsedCache(size);
    }
}

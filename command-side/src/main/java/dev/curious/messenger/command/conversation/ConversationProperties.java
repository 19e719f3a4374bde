package dev.curious.messenger.command.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How conversations are loaded, each overridable per deployment ({@code MESSENGER_CONVERSATION_CACHE_SIZE=5000}).
 *
 * @param snapshotThreshold a snapshot every this many events bounds how many events a cold load replays
 * @param cacheSize how many conversations stay loaded
 */
@ConfigurationProperties("messenger.conversation")
record ConversationProperties(
        @DefaultValue("500") int snapshotThreshold,
        @DefaultValue("1000") int cacheSize) {

    ConversationProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException(
                    "messenger.conversation.snapshot-threshold must be at least 1, was " + snapshotThreshold);
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException(
                    "messenger.conversation.cache-size must be at least 1, was " + cacheSize);
        }
    }
}

package dev.curious.messenger.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import javax.cache.CacheManager;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The conversation cache as the command side configures it: Caffeine through Axon's JCache adapter. */
class ConversationCacheTest {

    private final ConversationRepositoryConfiguration configuration = new ConversationRepositoryConfiguration();
    private final CacheManager manager = configuration.conversationCacheManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void holdsAtMostItsSizeByStrongReference() {
        Cache cache = configuration.conversationCache(manager, new ConversationProperties(500, 3));
        Object aggregate = new Object();
        cache.put("kept", aggregate);
        for (int i = 0; i < 3; i++) {
            // Used often: the frequency-aware eviction keeps it over entries used once.
            assertThat(cache.<String, Object>get("kept")).isSameAs(aggregate);
        }
        IntStream.range(0, 50).forEach(i -> cache.put("once-" + i, new Object()));

        long held = IntStream.range(0, 50)
                        .filter(i -> cache.containsKey("once-" + i))
                        .count()
                + (cache.containsKey("kept") ? 1 : 0);
        assertThat(held).isLessThanOrEqualTo(3);
        assertThat(cache.<String, Object>get("kept")).as("not a copy").isSameAs(aggregate);
        // Strong references: a collection does not empty it (Axon's WeakReferenceCache would).
        System.gc();
        assertThat(cache.containsKey("kept")).isTrue();
    }

    @Test
    void computesPutsAndRemovesLikeAxonsCaches() {
        Cache cache = configuration.conversationCache(manager, new ConversationProperties(500, 10));
        assertThat(cache.computeIfAbsent("k", () -> "v")).isEqualTo("v");
        assertThat(cache.computeIfAbsent("k", () -> "other")).isEqualTo("v");
        assertThat(cache.putIfAbsent("k", "w")).isFalse();
        cache.put("x", 1);
        assertThat(cache.remove("x")).isTrue();
        assertThat(cache.remove("x")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("k")).isFalse();
        assertThatThrownBy(() -> new ConversationProperties(500, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.curious.messenger.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class RecentlyUsedCacheTest {

    @Test
    void keepsEntriesUntilCapacityThenDropsTheLeastRecentlyUsed() {
        RecentlyUsedCache cache = new RecentlyUsedCache(2);
        List<String> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add((String) key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        // Reading "a" makes "b" the least recently used.
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        cache.put("c", 3);

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(expired).containsExactly("b");
        // Strong references: a collection does not empty it (Axon's WeakReferenceCache would).
        System.gc();
        assertThat(cache.<String, Integer>get("c")).isEqualTo(3);
    }

    @Test
    void computesPutsAndRemovesLikeAxonsCaches() {
        RecentlyUsedCache cache = new RecentlyUsedCache(10);
        assertThat(cache.computeIfAbsent("k", () -> "v")).isEqualTo("v");
        assertThat(cache.computeIfAbsent("k", () -> "other")).isEqualTo("v");
        assertThat(cache.putIfAbsent("k", "w")).isFalse();
        cache.<String>computeIfPresent("k", value -> value + "!");
        assertThat(cache.<String, String>get("k")).isEqualTo("v!");
        cache.<String>computeIfPresent("k", value -> null);
        assertThat(cache.containsKey("k")).isFalse();

        cache.put("x", 1);
        cache.put("y", 2);
        assertThat(cache.remove("x")).isTrue();
        assertThat(cache.remove("x")).isFalse();
        cache.removeAll();
        assertThat(cache.containsKey("y")).isFalse();
        assertThatThrownBy(() -> cache.put("z", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentlyUsedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package uz.hisob.command.kitchen;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import javax.cache.CacheManager;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kitchen cache keeps what it holds however the collector runs (issue #11.8: the weak cache was emptied by every
 * young collection), and holds no more than its size.
 */
class KitchenCacheTest {

    @Test
    void entriesSurviveGarbageCollectionAndTheCacheStaysWithinItsSize() throws Exception {
        KitchenConfig config = new KitchenConfig();
        try (CacheManager manager = config.kitchenCacheManager()) {
            Cache cache = config.kitchenCache(manager, 10);
            cache.put("demo:k1", new Object());
            for (int i = 0; i < 3; i++) {
                byte[][] garbage = new byte[2000][];
                for (int j = 0; j < garbage.length; j++) {
                    garbage[j] = new byte[10_000];
                }
                System.gc();
            }
            assertThat(cache.containsKey("demo:k1")).isTrue();

            IntStream.range(0, 200).forEach(i -> cache.put("demo:k" + i, new Object()));
            long held = 0;
            for (int attempt = 0; attempt < 100; attempt++) { // Caffeine evicts soon after the writes, not during them
                held = IntStream.range(0, 200).filter(i -> cache.containsKey("demo:k" + i)).count();
                if (held <= 10) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(held).isLessThanOrEqualTo(10);
        }
    }
}

package uz.hisob.command.platform;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An aggregate cache that notes, per thread, whether the command being handled was decided on a cached aggregate.
 *
 * <p>With several command-service instances a cached aggregate can be behind the store: another instance appended to
 * it. A command that appends is safe (the store's unique sequence refuses the stale append and the dispatcher decides
 * again), but a <em>refusal</em> decided on the stale state ("ingredient not found" just after another instance
 * created it) would reach the client. Axon drops the entry when the refused command's unit of work rolls back; the
 * dispatcher then decides once more, on the state loaded from the store, when {@link #servedFromCache()} says the
 * refusal came from the cache. The local command bus handles a command on the dispatching thread, so a thread-local
 * mark is the command's own.
 */
public final class CacheHits implements Cache {

    private static final ThreadLocal<Boolean> HIT = new ThreadLocal<>();

    private final Cache delegate;

    public CacheHits(Cache delegate) {
        this.delegate = delegate;
    }

    /** Clears the mark before a command is sent. */
    public static void reset() {
        HIT.remove();
    }

    /** Whether an aggregate was found in a cache since {@link #reset()} on this thread. */
    public static boolean servedFromCache() {
        return Boolean.TRUE.equals(HIT.get());
    }

    @Override
    public <K, V> V get(K key) {
        V value = delegate.get(key);
        if (value != null) {
            HIT.set(Boolean.TRUE);
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return delegate.computeIfAbsent(key, valueSupplier);
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        delegate.computeIfPresent(key, update);
    }
}

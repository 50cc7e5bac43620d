package dev.poolscope.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of pool kinds: the one list the command line, the dashboard and
 * the benchmarks read. Kinds come from {@link ServiceLoader} entries for
 * {@link PoolKind}, sorted by {@link PoolKind#order()}. Immutable once built.
 */
public final class PoolRegistry {
    private static final PoolRegistry STANDARD = new PoolRegistry(load());

    private final List<PoolKind> kinds;

    /** A registry of the given kinds, in the given order. */
    public PoolRegistry(List<PoolKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** The kinds on the class path. */
    public static PoolRegistry standard() {
        return STANDARD;
    }

    private static List<PoolKind> load() {
        List<PoolKind> list = new ArrayList<>();
        ServiceLoader.load(PoolKind.class, PoolRegistry.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(PoolKind::order).thenComparing(PoolKind::name));
        return list;
    }

    /** All kinds, in display order. */
    public List<PoolKind> kinds() {
        return kinds;
    }

    /** All kind names, in display order. */
    public List<String> names() {
        return kinds.stream().map(PoolKind::name).toList();
    }

    /** The names of the kinds that serve their queue in a chosen {@link QueueOrder}. */
    public List<String> orderingKinds() {
        return kinds.stream().filter(PoolKind::ordersQueue).map(PoolKind::name).toList();
    }

    /** The kind with this name, if any. */
    public Optional<PoolKind> find(String name) {
        return kinds.stream().filter(k -> k.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The kind with this name; throws {@link IllegalArgumentException} naming the allowed values. */
    public PoolKind get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown pool '" + name + "'; allowed: " + String.join(", ", names())));
    }

    /** Validates the worker count for a kind and creates the pool. */
    public WorkerPool create(String name, PoolConfig config) {
        PoolKind kind = get(name);
        if (config.workers() > kind.maxWorkers()) {
            throw new IllegalArgumentException("workers must be between 1 and " + kind.maxWorkers()
                    + " for pool '" + kind.name() + "', was " + config.workers());
        }
        if (config.queueOrder() != QueueOrder.FIFO && !kind.ordersQueue()) {
            throw new IllegalArgumentException("queue order '" + config.queueOrder() + "' needs a pool with a central queue ("
                    + String.join(", ", orderingKinds()) + "); pool '" + kind.name() + "' serves its tasks its own way");
        }
        return kind.create(config);
    }

    @Override
    public String toString() {
        return kinds.stream().map(PoolKind::name).collect(Collectors.joining(", ", "PoolRegistry[", "]"));
    }
}

package dev.poolscope.pool;

/**
 * One kind of pool: a name, a description and a factory. Kinds are found by
 * {@link PoolRegistry} through {@link java.util.ServiceLoader}, so the command
 * line, the dashboard and the benchmarks all offer the same list.
 */
public interface PoolKind {
    /** The name used on the command line and in reports, e.g. {@code fixed}. */
    String name();

    /** One sentence for users. */
    String description();

    /** The largest worker count this kind accepts. */
    int maxWorkers();

    /** Position in lists (lower first). */
    default int order() {
        return 100;
    }

    /** True if workers are separate operating-system processes. */
    default boolean usesProcesses() {
        return false;
    }

    /**
     * True if the kind has one central queue and serves it in the config's
     * {@link PoolConfig#queueOrder()}; kinds that return false accept only
     * {@link QueueOrder#FIFO}.
     */
    default boolean ordersQueue() {
        return false;
    }

    /**
     * Creates a pool. The config has been validated against {@link #maxWorkers()}.
     *
     * @throws IllegalArgumentException if the config does not suit this kind
     */
    WorkerPool create(PoolConfig config);
}

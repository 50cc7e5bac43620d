package dev.poolscope.agent.boot;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * One pool the probe has seen: a weak reference to it (the probe never keeps a pool alive), its rejections, and
 * the records of its workers. The records of ended workers are folded into {@code retired} by the reader.
 */
public final class PoolEntry {
    /** The pool, or null once it has been collected. */
    public final WeakReference<Object> pool;
    /** {@code Objects.toIdentityString(pool)}: the name the pool's thread container has in a thread dump. */
    public final String name;
    /** A name the pool's threads give it ({@code ForkJoinPool-1}), or null; set by whoever finds it. */
    public volatile String alias;
    final LongAdder rejected = new LongAdder();
    final ConcurrentLinkedQueue<WorkerCell> cells = new ConcurrentLinkedQueue<>();
    /** The one task whose queue wait is being sampled, or null; see {@link PoolHooks}. */
    volatile Runnable stamped;
    /** When {@link #stamped} was submitted (written before it). */
    long stampNanos;
    /** Whether the {@code execute} call that wrote {@link #stamped} has returned (written before it is set). */
    boolean stampSettled;
    /** Sampled submissions that found the stamp taken since it was last written (approximate). */
    int stampTries;
    /** Ended workers' histograms (service, CPU, wait, blocked); touched only by the reader, under this entry's lock. */
    private final long[][] retired = new long[4][Buckets.COUNT + 1];

    PoolEntry(Object pool) {
        this.pool = new WeakReference<>(pool);
        this.name = pool.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(pool));
    }

    /** Rejections counted since the probe was installed. */
    public long rejected() {
        return rejected.sum();
    }

    /** Workers that have recorded a task. */
    public int recordedWorkers() {
        return cells.size();
    }

    /**
     * Sums the histograms of every worker into {@code into}: four arrays (service, CPU, wait, blocked) of
     * {@code Buckets.COUNT + 1} longs (index 0 holds the count), folding ended workers into the retired record first.
     */
    public synchronized void histograms(long[][] into) {
        for (WorkerCell c : cells) {
            if (c.ended()) {
                cells.remove(c);
                c.addTo(retired);
            }
        }
        for (int h = 0; h < retired.length; h++) {
            for (int i = 0; i <= Buckets.COUNT; i++) {
                into[h][i] += retired[h][i];
            }
        }
        for (WorkerCell c : cells) {
            c.addTo(into);
        }
    }
}

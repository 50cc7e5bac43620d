package dev.poolscope.agent.boot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One worker thread's record for one pool: counts and histograms of service (wall) time, CPU time, blocked time
 * (wall minus CPU, for the tasks whose CPU time was sampled) and queue wait.
 * Written only by its worker, with opaque stores; read by the probe's reader at any time (values may trail by a
 * task).
 */
public final class WorkerCell {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    final WeakReference<Thread> owner;
    final PoolEntry pool;
    /** Start of the running task, or 0 when none runs. */
    long startNanos;
    /** CPU time at the running task's start, or -1 when this task's CPU time is not sampled. */
    long startCpu = -1;
    /** Service, CPU, wait and blocked histograms: index 0 is the count. */
    final long[] service = new long[Buckets.COUNT + 1];
    final long[] cpu = new long[Buckets.COUNT + 1];
    final long[] wait = new long[Buckets.COUNT + 1];
    final long[] blocked = new long[Buckets.COUNT + 1];
    /** This worker's own random sequence for sampling (xorshift; never 0). */
    private int seed;

    WorkerCell(Thread owner, PoolEntry pool) {
        this.owner = new WeakReference<>(owner);
        this.pool = pool;
        this.seed = System.identityHashCode(this) | 1;
    }

    /** The next draw of this worker's sampling sequence. */
    int draw() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }

    static void record(long[] histogram, long nanos) {
        int i = Buckets.index(nanos) + 1;
        LONGS.setOpaque(histogram, i, (long) LONGS.getOpaque(histogram, i) + 1);
        LONGS.setOpaque(histogram, 0, (long) LONGS.getOpaque(histogram, 0) + 1);
    }

    /** Adds this cell's histograms into {@code into} (service, CPU, wait, blocked; each {@code COUNT + 1} long). */
    void addTo(long[][] into) {
        long[][] mine = {service, cpu, wait, blocked};
        for (int h = 0; h < mine.length; h++) {
            for (int i = 0; i <= Buckets.COUNT; i++) {
                into[h][i] += (long) LONGS.getOpaque(mine[h], i);
            }
        }
    }

    /** Whether the worker thread has ended (its record is final). */
    boolean ended() {
        Thread t = owner.get();
        return t == null || !t.isAlive();
    }
}

package dev.poolscope.agent.boot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The static entry points that the advice inlined into {@code ThreadPoolExecutor} calls, and the table of pools
 * seen. Each hook returns at once while the probe is switched off, so a retransformation that could not be undone
 * costs one volatile read per call.
 *
 * <p>Cost guide: every task costs two {@code ThreadLocalRandom} draws, one thread-local read and a look at one slot
 * of the stamp table; the clock is read (twice) only for sampled tasks, since on virtual machines one
 * {@code System.nanoTime} alone can cost 30 ns or more. Tasks are sampled at random: service (wall) time for one
 * task in {@code 2^serviceSampleBits}, CPU time for one in {@code 2^cpuSampleBits} (always a service-sampled one),
 * and queue wait for one in {@code 2^waitSampleBits}, through a small table of stamps indexed by the
 * task's identity hash that only sampled tasks write. A task object submitted again while it waits is matched at
 * its next start, so its wait may read low.
 */
public final class PoolHooks {
    private static volatile boolean enabled;
    private static volatile int cpuMask = 255;
    private static volatile int serviceMask = 3;
    private static volatile int waitMask = 15;
    private static final ThreadLocal<WorkerCell> CELL = new ThreadLocal<>();
    private static final int STAMPS = 4096;
    private static final AtomicReferenceArray<Stamp> SUBMITTED = new AtomicReferenceArray<>(STAMPS);
    private static volatile PoolEntry[] pools = new PoolEntry[0];
    private static ThreadMXBean threads;

    private PoolHooks() {
    }

    /** A sampled task's submission time. */
    private record Stamp(Runnable task, long nanos) {
    }

    /**
     * Switches recording on with the given sampling, each a power-of-two exponent (0 = every task): service times
     * for one task in {@code 2^serviceSampleBits} per worker, CPU times for one in {@code 2^cpuSampleBits} (at
     * least as rare, and always a service-sampled task), queue waits for one in {@code 2^waitSampleBits} per
     * submitting thread.
     */
    public static synchronized void enable(int serviceSampleBits, int cpuSampleBits, int waitSampleBits) {
        if (threads == null) {
            threads = ManagementFactory.getThreadMXBean();
        }
        serviceMask = (1 << serviceSampleBits) - 1;
        cpuMask = (1 << Math.max(cpuSampleBits, serviceSampleBits)) - 1;
        waitMask = (1 << waitSampleBits) - 1;
        enabled = true;
    }

    /** Switches recording off; the hooks return at once from then on. */
    public static void disable() {
        enabled = false;
    }

    /** Whether recording is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Every pool seen so far, in the order seen. */
    public static PoolEntry[] pools() {
        return pools;
    }

    /** The entry for {@code pool}, added if new. */
    public static PoolEntry entry(Object pool) {
        for (PoolEntry e : pools) {
            if (e.pool.get() == pool) {
                return e;
            }
        }
        return add(pool);
    }

    private static synchronized PoolEntry add(Object pool) {
        PoolEntry[] now = pools;
        for (PoolEntry e : now) {
            if (e.pool.get() == pool) {
                return e;
            }
        }
        int live = 0;
        for (PoolEntry e : now) {
            if (e.pool.get() != null) {
                live++;
            }
        }
        PoolEntry[] next = new PoolEntry[live + 1];
        int i = 0;
        for (PoolEntry e : now) {
            if (e.pool.get() != null) {
                next[i++] = e;
            }
        }
        PoolEntry created = new PoolEntry(pool);
        next[i] = created;
        pools = next;
        return created;
    }

    /** {@code ThreadPoolExecutor.execute(Runnable)} began: stamps a sampled task's submission. */
    public static void onExecute(Object pool, Runnable task) {
        if (!enabled || task == null) {
            return;
        }
        if ((ThreadLocalRandom.current().nextInt() & waitMask) == 0) {
            SUBMITTED.set(slot(task), new Stamp(task, System.nanoTime()));
        }
    }

    private static int slot(Runnable task) {
        int h = System.identityHashCode(task);
        return (h ^ h >>> 12) & (STAMPS - 1);
    }

    /** {@code ThreadPoolExecutor.reject(Runnable)} began. */
    public static void onReject(Object pool) {
        if (enabled) {
            entry(pool).rejected.increment();
        }
    }

    /** {@code ThreadPoolExecutor.beforeExecute} began, on the worker about to run {@code task}. */
    public static void onBefore(Object pool, Runnable task) {
        if (!enabled) {
            return;
        }
        long now = 0;
        int slot = slot(task);
        Stamp s = SUBMITTED.get(slot);
        WorkerCell cell = null;
        if (s != null && s.task == task && SUBMITTED.compareAndSet(slot, s, null)) {
            now = System.nanoTime();
            cell = cell(pool);
            WorkerCell.record(cell.wait, now - s.nanos);
        }
        int draw = ThreadLocalRandom.current().nextInt();
        if ((draw & serviceMask) != 0) {
            return;
        }
        if (cell == null) {
            cell = cell(pool);
        }
        if ((draw & cpuMask) == 0) {
            cell.startCpu = threads.getCurrentThreadCpuTime();
            now = System.nanoTime();
        } else {
            cell.startCpu = -1;
            if (now == 0) {
                now = System.nanoTime();
            }
        }
        cell.startNanos = now;
    }

    private static WorkerCell cell(Object pool) {
        WorkerCell cell = CELL.get();
        if (cell == null || cell.pool.pool.get() != pool) {
            cell = new WorkerCell(Thread.currentThread(), entry(pool));
            cell.pool.cells.add(cell);
            CELL.set(cell);
        }
        return cell;
    }

    /** {@code ThreadPoolExecutor.afterExecute} began, on the worker that ran the task. */
    public static void onAfter(Object pool) {
        WorkerCell cell = CELL.get();
        if (cell == null || cell.startNanos == 0) {
            return;
        }
        long end = System.nanoTime();
        WorkerCell.record(cell.service, end - cell.startNanos);
        cell.startNanos = 0;
        if (cell.startCpu >= 0) {
            WorkerCell.record(cell.cpu, threads.getCurrentThreadCpuTime() - cell.startCpu);
        }
    }
}

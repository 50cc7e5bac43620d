package dev.poolscope.agent.boot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The static entry points that the advice inlined into {@code ThreadPoolExecutor} calls, and the table of pools
 * seen. Each hook returns at once while the probe is switched off, so a retransformation that could not be undone
 * costs one volatile read per call.
 *
 * <p>Cost guide, per task: the submitting thread makes one {@code ThreadLocalRandom} draw; the worker makes two
 * thread-local reads (one per hook), one draw from its own record's random sequence and one read of its pool's
 * wait stamp. Nothing on that path writes memory another thread reads, and the clock is read only for sampled
 * tasks (on virtual machines one {@code System.nanoTime} alone can cost 30 ns, one
 * {@code getCurrentThreadCpuTime} close to a microsecond). Tasks are sampled at random, per worker: service (wall)
 * time for one task in {@code 2^serviceSampleBits}, CPU time and blocked time (wall minus CPU) for one in
 * {@code 2^cpuSampleBits} (always a service-sampled one). Queue waits: one submission in {@code 2^waitSampleBits}
 * tries to stamp its task into its pool's single wait stamp, which holds at most one task at a time; the worker
 * that starts that task records its wait (sharing that clock reading with the service time) and frees the stamp.
 * A stamp whose task never starts (removed, discarded) is taken over after 64 further tries. So queue waits are
 * sampled at most one task at a time per pool, and a task object submitted again while it waits is matched at its
 * next start (its wait may read low).
 */
public final class PoolHooks {
    private static volatile boolean enabled;
    private static volatile int cpuMask = 255;
    private static volatile int serviceMask = 3;
    private static volatile int waitMask = 15;
    private static final ThreadLocal<WorkerCell> CELL = new ThreadLocal<>();
    private static volatile PoolEntry[] pools = new PoolEntry[0];
    private static ThreadMXBean threads;

    private PoolHooks() {
    }

    /**
     * Switches recording on with the given sampling, each a power-of-two exponent (0 = every task): service times
     * for one task in {@code 2^serviceSampleBits} per worker, CPU times for one in {@code 2^cpuSampleBits} (at
     * least as rare, and always a service-sampled task), queue waits for one in {@code 2^waitSampleBits}
     * submissions (at most one waiting task per pool at a time).
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

    /** The sampling now in force: service, CPU and wait exponents. */
    public static int[] sampleBits() {
        return new int[]{Integer.bitCount(serviceMask), Integer.bitCount(cpuMask), Integer.bitCount(waitMask)};
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

    /**
     * {@code ThreadPoolExecutor.execute(Runnable)} began: a sampled submission stamps its task.
     *
     * @return whether this call stamped its task, so that {@link #onExecuted} must follow when the call returns
     */
    public static boolean onExecute(Object pool, Runnable task) {
        if (!enabled || (ThreadLocalRandom.current().nextInt() & waitMask) != 0 || task == null) {
            return false;
        }
        PoolEntry e = entry(pool);
        if (e.stamped == null || ++e.stampTries > 64) {
            e.stampTries = 0;
            e.stampNanos = System.nanoTime();
            e.stampSettled = false;
            e.stamped = task;
            return true;
        }
        return false;
    }

    /**
     * {@code ThreadPoolExecutor.execute(Runnable)} returned (or threw) after stamping its task: from now on a
     * rejection of the same task object is another submission's (a non-capturing lambda is one object), and leaves
     * the stamp to the queued one.
     */
    public static void onExecuted(Object pool) {
        entry(pool).stampSettled = true;
    }

    /** {@code ThreadPoolExecutor.reject(Runnable)} began: frees the stamp if the submission that wrote it is rejected. */
    public static void onReject(Object pool, Runnable task) {
        if (enabled) {
            PoolEntry e = entry(pool);
            e.rejected.increment();
            if (e.stamped == task && !e.stampSettled) {
                e.stamped = null;
            }
        }
    }

    /** {@code ThreadPoolExecutor.beforeExecute} began, on the worker about to run {@code task}. */
    public static void onBefore(Object pool, Runnable task) {
        if (!enabled) {
            return;
        }
        WorkerCell cell = CELL.get();
        if (cell == null || cell.pool.pool.get() != pool) {
            cell = cell(pool);
        }
        PoolEntry e = cell.pool;
        long now = 0;
        if (e.stamped == task) {
            long stamp = e.stampNanos;
            e.stamped = null;
            now = System.nanoTime();
            WorkerCell.record(cell.wait, now - stamp);
        }
        int draw = cell.draw();
        if ((draw & serviceMask) != 0) {
            return;
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
        WorkerCell cell = new WorkerCell(Thread.currentThread(), entry(pool));
        cell.pool.cells.add(cell);
        CELL.set(cell);
        return cell;
    }

    /** {@code ThreadPoolExecutor.afterExecute} began, on the worker that ran the task. */
    public static void onAfter(Object pool) {
        WorkerCell cell = CELL.get();
        if (cell == null || cell.startNanos == 0) {
            return;
        }
        long end = System.nanoTime();
        long wall = end - cell.startNanos;
        WorkerCell.record(cell.service, wall);
        cell.startNanos = 0;
        if (cell.startCpu >= 0) {
            long cpu = threads.getCurrentThreadCpuTime() - cell.startCpu;
            WorkerCell.record(cell.cpu, cpu);
            WorkerCell.record(cell.blocked, Math.max(0, wall - cpu));
        }
    }
}

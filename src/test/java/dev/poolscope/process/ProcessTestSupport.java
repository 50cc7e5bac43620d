package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers for process pool tests: quick settings, bounded waits, and the invariants checked after each test. */
public final class ProcessTestSupport {
    private ProcessTestSupport() {
    }

    /** Settings that detect a frozen worker within about a second. */
    static ProcessPoolSettings quick() {
        return ProcessPoolSettings.defaults().withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(1500));
    }

    static PoolConfig config(int workers) {
        return PoolConfig.of(workers);
    }

    static PoolConfig config(int workers, Duration timeout) {
        return new PoolConfig(workers, PoolConfig.UNBOUNDED, RejectionPolicy.BLOCK, timeout, 0, List.of(), null);
    }

    static ProcessWorkerPool pool(int workers) {
        return new ProcessWorkerPool(config(workers), quick());
    }

    /** A task of a built-in workload, by name, e.g. {@code crash:p=1}. */
    public static WorkloadTask task(String spec, long index) {
        return new WorkloadTask(WorkloadSpec.parse(spec), 42, index, null);
    }

    /** Waits until the condition holds, polling, or fails after the deadline. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + limit + " waiting for: " + what);
            }
            try {
                Thread.sleep(10); // polling interval of a bounded wait, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    /**
     * Waits until {@code n} tasks have been counted as ended. A future's {@code get}
     * returns a moment before its outcome is counted ({@code FutureTask.done} runs after waking waiters).
     */
    static Counts awaitEnded(ProcessWorkerPool pool, long n) {
        await(n + " tasks counted as ended", Duration.ofSeconds(10), () -> pool.metrics().counts().ended() >= n);
        return pool.metrics().counts();
    }

    /** Waits until the pool is back to its full size of ready, idle-or-busy workers. */
    static void awaitFullSize(ProcessWorkerPool pool) {
        await("pool back to " + pool.workers() + " live workers", Duration.ofSeconds(30),
                () -> pool.workerSnapshots().stream().filter(w -> w.state() == dev.poolscope.metrics.WorkerState.IDLE
                        || w.state() == dev.poolscope.metrics.WorkerState.BUSY).count() == pool.workers()
                        && pool.liveWorkers() == pool.workers());
    }

    /** Closes the pool (bounded) and checks the invariants: counts add up, all ended, no child process left. */
    static void closeAndCheck(ProcessWorkerPool pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "pool did not terminate: " + pool);
        }
        Counts c = pool.metrics().counts();
        assertTrue(c.addsUp(), "counts add up: " + c);
        assertEquals(c.submitted(), c.ended(), "every submitted task ended: " + c);
        assertNoChildren();
    }

    static void assertNoChildren() {
        await("no child process left", Duration.ofSeconds(10),
                () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }
}

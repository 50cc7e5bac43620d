package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queue capacity, each rejection policy and the per-task timeout, on every
 * thread-pool kind (tasks here share latches with the test, so they stay in
 * this JVM; the process pool has its own fault tests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueAndTimeoutTest {

    static List<String> threadKinds() {
        return PoolRegistry.standard().kinds().stream().filter(k -> !k.usesProcesses()).map(PoolKind::name).toList();
    }

    private static PoolConfig oneWorkerQueueOf(int capacity, RejectionPolicy policy) {
        return PoolConfig.of(1).withQueue(capacity, policy);
    }

    /** Fills 1 worker + a queue of 1 with tasks that wait on the latch; returns their futures. */
    private static List<Future<?>> saturate(WorkerPool pool, CountDownLatch release) throws InterruptedException {
        List<Future<?>> list = new ArrayList<>();
        list.add(pool.submit(() -> release.await(30, TimeUnit.SECONDS)));
        Pools.waitUntil(Duration.ofSeconds(10), () -> pool.metrics().counts().running() == 1,
                () -> "first task not running: " + pool.metrics().counts());
        list.add(pool.submit(() -> release.await(30, TimeUnit.SECONDS)));
        return list;
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void abort_rejectsWithExceptionWhenFull_andCountsIt(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, oneWorkerQueueOf(1, RejectionPolicy.ABORT));
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Future<?>> held = saturate(pool, release);
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
            assertTrue(e.getMessage().contains("full"), e.getMessage());
            release.countDown();
            for (Future<?> f : held) {
                f.get(10, TimeUnit.SECONDS);
            }
            Counts c = pool.metrics().counts();
            assertEquals(1, c.rejected());
            assertEquals(3, c.submitted());
        } finally {
            release.countDown();
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void callerRuns_runsTheTaskInTheSubmittingThread(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, oneWorkerQueueOf(1, RejectionPolicy.CALLER_RUNS));
        CountDownLatch release = new CountDownLatch(1);
        try {
            saturate(pool, release);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            Future<?> f = pool.submit(() -> ranOn.set(Thread.currentThread()));
            assertTrue(f.isDone(), "ran before submit returned");
            assertEquals(Thread.currentThread(), ranOn.get());
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(3, pool.metrics().counts().succeeded());
            assertEquals(0, pool.metrics().counts().rejected());
        } finally {
            release.countDown();
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void discardOldest_rejectsTheOldestQueuedTask(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, oneWorkerQueueOf(1, RejectionPolicy.DISCARD_OLDEST));
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Future<?>> held = saturate(pool, release);
            Future<Integer> newest = pool.submit(() -> 7);
            ExecutionException e = assertThrows(ExecutionException.class, () -> held.get(1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
            release.countDown();
            assertEquals(7, newest.get(10, TimeUnit.SECONDS));
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            Counts c = pool.metrics().counts();
            assertEquals(1, c.rejected());
            assertEquals(2, c.succeeded());
        } finally {
            release.countDown();
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void block_makesTheSubmitterWaitForRoom(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, oneWorkerQueueOf(1, RejectionPolicy.BLOCK));
        CountDownLatch release = new CountDownLatch(1);
        try {
            saturate(pool, release);
            CountDownLatch submitted = new CountDownLatch(1);
            Thread submitter = Thread.ofPlatform().start(() -> {
                pool.submit(() -> 3);
                submitted.countDown();
            });
            assertFalse(submitted.await(200, TimeUnit.MILLISECONDS), "submitter should be blocked while the queue is full");
            release.countDown();
            assertTrue(submitted.await(10, TimeUnit.SECONDS), "submitter proceeds once there is room");
            submitter.join(10_000);
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(3, pool.metrics().counts().succeeded());
        } finally {
            release.countDown();
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void block_blockedSubmitterIsRejectedWhenPoolShutsDown(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, oneWorkerQueueOf(1, RejectionPolicy.BLOCK));
        CountDownLatch release = new CountDownLatch(1);
        try {
            saturate(pool, release);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread submitter = Thread.ofPlatform().start(() -> {
                try {
                    pool.submit(() -> 3);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Pools.waitUntil(Duration.ofSeconds(10), () -> pool.metrics().counts().submitted() == 3, () -> "third not submitted");
            pool.shutdown();
            submitter.join(10_000);
            assertInstanceOf(RejectedExecutionException.class, thrown.get());
            release.countDown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(1, pool.metrics().counts().rejected());
        } finally {
            release.countDown();
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void taskTimeout_endsTaskAsTimedOut_andFreesTheWorker(String kind) throws Exception {
        PoolConfig config = PoolConfig.of(1).withTaskTimeout(Duration.ofMillis(100));
        WorkerPool pool = Pools.create(kind, config);
        try {
            Future<?> slow = pool.submit(() -> {
                Thread.sleep(30_000);
                return null;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(20, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            // the single worker is free again: the next task runs and is not interrupted by the old timeout
            assertEquals(5, pool.submit(() -> {
                Thread.sleep(20);
                return 5;
            }).get(20, TimeUnit.SECONDS));
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            Counts c = pool.metrics().counts();
            assertEquals(1, c.timedOut());
            assertEquals(1, c.succeeded());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void taskTimeout_onATaskThatIgnoresInterruption_isReportedInTheNotes(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, PoolConfig.of(1).withTaskTimeout(Duration.ofMillis(20)));
        try {
            Future<?> stubborn = pool.submit(() -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // ignores interruption
                }
                return null;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> stubborn.get(20, TimeUnit.SECONDS));
            assertInstanceOf(TaskTimeoutException.class, e.getCause());
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
            assertEquals(1, pool.notes().size(), pool.notes().toString());
            assertTrue(pool.notes().get(0).contains("ignored interruption"), pool.notes().toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("threadKinds")
    void stopNow_interruptedRunningTasksCountAsCancelled(String kind) throws Exception {
        WorkerPool pool = Pools.create(kind, 2);
        try {
            CountDownLatch started = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                pool.submit((Callable<Object>) () -> {
                    started.countDown();
                    Thread.sleep(30_000);
                    return null;
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            Counts c = pool.metrics().counts();
            assertEquals(2, c.cancelled(), c.toString());
            assertEquals(0, c.failed());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }
}

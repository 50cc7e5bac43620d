package dev.poolscope.pool;

import dev.poolscope.metrics.StallEpisode;
import dev.poolscope.metrics.StallStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StallWatchTest {

    private static WorkerPool pool(String kind, int workers, StallPolicy policy) {
        return PoolRegistry.standard().create(kind, PoolConfig.of(workers).withStallPolicy(policy));
    }

    /**
     * Starts {@code n} tasks that, once all {@code n} run, each submit a subtask
     * to their own pool and wait for it; returns their futures.
     */
    private static List<Future<Object>> waitOnOwnPool(WorkerPool pool, int n, CountDownLatch aboutToWait) {
        List<Future<Object>> parents = new ArrayList<>();
        CountDownLatch allRunning = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            parents.add(pool.submit(() -> {
                allRunning.countDown();
                allRunning.await(10, TimeUnit.SECONDS);
                Future<Object> child = pool.submit(() -> "child");
                aboutToWait.countDown();
                return child.get();
            }));
        }
        return parents;
    }

    private static StallStatus awaitStall(WorkerPool pool, long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            StallStatus s = pool.stall();
            if (s != null) {
                return s;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    @Test
    void userTasks_waitingOnTheirOwnFixedPool_areNamedWithinASecond() throws Exception {
        WorkerPool pool = pool("fixed", 2, new StallPolicy(StallPolicy.Action.WAIT, Duration.ofSeconds(1)));
        try {
            CountDownLatch waiting = new CountDownLatch(2);
            waitOnOwnPool(pool, 2, waiting);
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            long lastBlocked = System.nanoTime();
            StallStatus s = awaitStall(pool, lastBlocked + TimeUnit.SECONDS.toNanos(5));
            assertNotNull(s, "no stall named within 5 s");
            long took = System.nanoTime() - lastBlocked;
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), "named after " + took / 1_000_000 + " ms");
            assertEquals(StallStatus.STARVATION_DEADLOCK, s.kind());
            assertEquals(List.of("fixed-0", "fixed-1"), s.workers().stream().sorted().toList());
            assertEquals(2, s.waitingOn().size());
            assertTrue(s.chain().get(0).contains("(queued)"), s.chain().toString());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void onStallFail_failsTheWaitingTasksNamingTheDeadlock_andCancelsWhatTheyWaitedFor() throws Exception {
        WorkerPool pool = pool("virtual", 2, new StallPolicy(StallPolicy.Action.FAIL, Duration.ofMillis(200)));
        long origin = System.nanoTime();
        try {
            List<Future<Object>> parents = waitOnOwnPool(pool, 2, new CountDownLatch(2));
            // the first cancellation frees a worker, which may run the other subtask before the watch reaches it
            int deadlocked = 0;
            for (Future<Object> f : parents) {
                try {
                    assertEquals("child", f.get(10, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(StarvationDeadlockException.class, e.getCause());
                    assertTrue(e.getCause().getMessage().contains("starvation deadlock in pool 'virtual'"), e.getCause().getMessage());
                    deadlocked++;
                }
            }
            assertTrue(deadlocked >= 1, "no waiting task was failed");
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            var c = pool.metrics().counts();
            assertEquals(4, c.submitted());
            assertEquals(4, c.succeeded() + c.failed() + c.cancelled(), c.toString());
            assertEquals(c.failed(), c.cancelled(), "each failed waiter's subtask was cancelled: " + c);
            List<StallEpisode> episodes = pool.stalls(origin);
            assertEquals(1, episodes.size(), episodes.toString());
            assertEquals(StallStatus.STARVATION_DEADLOCK, episodes.get(0).kind());
            assertEquals(c.failed(), episodes.get(0).failedTasks());
            assertTrue(episodes.get(0).ended());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitsOnAnotherPool_areNoStall() throws Exception {
        WorkerPool a = pool("fixed", 2, StallPolicy.DEFAULT);
        WorkerPool b = pool("fixed", 1, StallPolicy.DEFAULT);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(2);
        try {
            b.submit(() -> release.await(20, TimeUnit.SECONDS)); // b's only worker is busy: b's tasks stay queued
            for (int i = 0; i < 2; i++) {
                a.submit(() -> {
                    Future<String> other = b.submit(() -> "from b");
                    waiting.countDown();
                    return other.get();
                });
            }
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            long later = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
            while (System.nanoTime() < later) {
                Thread.onSpinWait();
            }
            ((AbstractWorkerPool) a).stallWatch().tick(System.nanoTime());
            assertNull(a.stall());
            assertTrue(a.stalls(0).isEmpty());
        } finally {
            release.countDown();
            a.shutdownNow();
            b.shutdownNow();
            assertTrue(a.awaitTermination(10, TimeUnit.SECONDS) && b.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBusyPoolWhoseWorkersDoNotWait_isNoStall() throws Exception {
        WorkerPool pool = pool("fixed", 2, StallPolicy.DEFAULT);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        try {
            for (int i = 0; i < 6; i++) {
                pool.submit(() -> {
                    busy.countDown();
                    return release.await(20, TimeUnit.SECONDS);
                });
            }
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            // the test thread waits on a queued task of the pool: a caller's wait, not a worker's
            Future<String> queued = pool.submit(() -> "queued");
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    queued.get(20, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // the pool is shut down at the end
                }
            });
            ((AbstractWorkerPool) pool).stallWatch().tick(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            assertNull(pool.stall());
            release.countDown();
            caller.join(10_000);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void onForkJoin_aWorkerThatWaitsForItsOwnPoolsTask_joinsIt() throws Exception {
        WorkerPool pool = pool("forkjoin", 2, StallPolicy.DEFAULT);
        try {
            List<Future<Object>> parents = waitOnOwnPool(pool, 2, new CountDownLatch(2));
            for (Future<Object> f : parents) {
                assertEquals("child", f.get(10, TimeUnit.SECONDS));
            }
            assertTrue(pool.stalls(0).isEmpty());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}

package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code execute(Runnable)} with plain runnables on the thread kinds, bounded
 * and unbounded (unbounded fixed and forkjoin pools run them without a future):
 * every task ends exactly once, failures are counted and do not kill workers,
 * and {@code shutdownNow} returns and cancels what never started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecuteRunnableTest {

    static List<PoolConfig> configs() {
        return List.of(PoolConfig.of(2), PoolConfig.of(2).withQueue(1000, RejectionPolicy.ABORT));
    }

    static List<Object[]> cases() {
        return PoolRegistry.standard().kinds().stream().filter(k -> !k.usesProcesses())
                .flatMap(k -> configs().stream().map(c -> new Object[] {k.name(), c})).toList();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void failingRunnables_areCountedAsFailed_andWorkersKeepServing(String kind, PoolConfig config) throws Exception {
        WorkerPool pool = Pools.create(kind, config);
        try {
            int n = 400;
            CountDownLatch done = new CountDownLatch(n);
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < n; i++) {
                int k = i;
                pool.execute(() -> {
                    ran.incrementAndGet();
                    done.countDown();
                    if (k % 10 == 0) {
                        throw new IllegalStateException("task " + k + " broke");
                    }
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().counts().ended() == n,
                    () -> "not all counted: " + pool.metrics().counts());
            Counts c = pool.metrics().counts();
            assertEquals(n, ran.get());
            assertEquals(n, c.submitted());
            assertEquals(n - n / 10, c.succeeded());
            assertEquals(n / 10, c.failed());
            // the error table is written just after the outcome is counted
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().errors().entries().stream()
                    .anyMatch(e -> e.type().endsWith("IllegalStateException") && e.count() == n / 10),
                    () -> pool.metrics().errors().entries().toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shutdownNow_returnsAndCancelsQueuedRunnables_andCountsAddUp(String kind, PoolConfig config) throws Exception {
        WorkerPool pool = Pools.create(kind, config.withWorkers(1));
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            pool.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(started.await(20, TimeUnit.SECONDS));
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 50; i++) {
                pool.execute(ran::incrementAndGet);
            }
            List<Runnable> never = pool.shutdownNow();
            release.countDown();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
            assertFalse(never.isEmpty());
            Counts c = pool.metrics().counts();
            assertEquals(51, c.submitted());
            assertEquals(c.submitted(), c.ended(), c.toString());
            assertEquals(never.size(), c.cancelled(), c.toString());
            assertEquals(50 - never.size(), ran.get(), "every runnable not returned ran");
            assertThrows(RejectedExecutionException.class, () -> pool.execute(ran::incrementAndGet));
            assertEquals(52, pool.metrics().counts().submitted());
            assertEquals(1, pool.metrics().counts().rejected());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }
}

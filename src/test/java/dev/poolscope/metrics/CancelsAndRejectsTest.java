package dev.poolscope.metrics;

import dev.poolscope.pool.FixedWorkerPool;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancelsAndRejectsTest {

    private static PoolGauges gauges(int n) {
        return new PoolGauges() {
            @Override public int poolSize() { return n; }
            @Override public int liveWorkers() { return n; }
        };
    }

    @Test
    @Timeout(30)
    void snapshot_namesTheTasksAFullQueueRejected_andTheOnesCancelledWhileQueued() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FixedWorkerPool pool = new FixedWorkerPool(PoolConfig.of(1).withQueue(2, RejectionPolicy.ABORT))) {
            Future<?> blocker = pool.submit(() -> {
                started.countDown();
                release.await();
                return null;
            }); // task 0
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<?> queued1 = pool.submit(() -> null); // task 1
            pool.submit(() -> null); // task 2
            assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> null)); // task 3
            assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> null)); // task 4
            assertTrue(queued1.cancel(false));
            MetricsSampler sampler = new MetricsSampler(pool.metrics(), gauges(1), Duration.ofMillis(100));
            MetricsSnapshot s = sampler.sample();
            assertEquals(List.of(new CancelOrReject(3, Outcome.REJECTED), new CancelOrReject(4, Outcome.REJECTED),
                    new CancelOrReject(1, Outcome.CANCELLED)), s.cancelsAndRejects());
            assertEquals(2, s.counts().rejected());
            assertEquals(1, s.counts().cancelled());
            release.countDown();
            blocker.get(10, TimeUnit.SECONDS);
            sampler.close();
        }
    }

    @Test
    void ring_keepsTheLastEntries_oldestFirst_andIgnoresOutcomesThatRan() {
        CancelRejectRing ring = new CancelRejectRing();
        ring.record(7, Outcome.SUCCEEDED);
        ring.record(8, Outcome.FAILED);
        List<CancelOrReject> none = new ArrayList<>();
        ring.copyTo(none);
        assertEquals(List.of(), none, "tasks that ran have spans, not entries here");
        int n = CancelRejectRing.CAPACITY * 3 + 5;
        for (int i = 0; i < n; i++) {
            ring.record(1_000_000_000_000L + i, i % 2 == 0 ? Outcome.REJECTED : Outcome.CANCELLED);
        }
        List<CancelOrReject> out = new ArrayList<>();
        ring.copyTo(out);
        assertEquals(CancelRejectRing.CAPACITY, out.size());
        long first = 1_000_000_000_000L + n - CancelRejectRing.CAPACITY;
        for (int i = 0; i < out.size(); i++) {
            long id = first + i;
            assertEquals(new CancelOrReject(id, (id - 1_000_000_000_000L) % 2 == 0 ? Outcome.REJECTED : Outcome.CANCELLED), out.get(i));
        }
    }
}

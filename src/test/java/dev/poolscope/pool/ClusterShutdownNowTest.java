package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code shutdownNow} on a cluster pool whose one member thread is blocked:
 * every task queued behind it on the member is handed back cancelled, none
 * ends as failed, even though stopping the blocker frees the thread at once
 * (the member then skips the tasks it was told never to start, and their
 * replies must find them cancelled already). Repeated: the order was a race.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterShutdownNowTest {

    @BeforeAll
    static void startSharedMembers() {
        SharedMembers.start();
    }

    @AfterAll
    static void stopSharedMembers() throws InterruptedException {
        SharedMembers.stop();
    }

    @RepeatedTest(5)
    void shutdownNow_handsBackEveryTaskQueuedBehindABlockedThread_noneFails() throws Exception {
        WorkerPool pool = Pools.create("cluster", 1);
        try {
            Gate gate = Gate.create();
            Future<Boolean> blocker = pool.submit((Callable<Boolean>) PoolContractTest.waitFor(gate));
            Pools.waitUntil(Duration.ofSeconds(20), () -> pool.metrics().counts().running() >= 1,
                    () -> "blocker never started: " + pool.metrics().counts());
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(pool.submit((Callable<Integer>) PoolContractTest.square(i)));
            }
            List<Runnable> never = pool.shutdownNow();
            gate.open();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            long cancelled = queued.stream().filter(Future::isCancelled).count();
            Counts c = pool.metrics().counts();
            assertEquals(20, never.size(), "handed back; cancelled " + cancelled + ", " + c);
            assertEquals(20, cancelled, c.toString());
            assertTrue(blocker.isCancelled(), "the blocker is stopped as a running task");
            assertEquals(0, c.failed(), c.toString());
            assertEquals(21, c.cancelled(), c.toString());
            assertEquals(c.submitted(), c.ended(), c.toString());
        } finally {
            Pools.closeAndCheck(pool);
        }
    }
}

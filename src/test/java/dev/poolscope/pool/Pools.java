package dev.poolscope.pool;

import dev.poolscope.metrics.Counts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: create pools, close them with a bounded wait, wait for conditions. */
final class Pools {
    private Pools() {
    }

    static WorkerPool create(String kind, int workers) {
        return create(kind, PoolConfig.of(workers));
    }

    /** A {@code cluster} pool joins the class's {@link SharedMembers} instead of starting members of its own. */
    static WorkerPool create(String kind, PoolConfig config) {
        return PoolRegistry.standard().create(kind, kind.equals("cluster") ? config.withCluster(SharedMembers.target()) : config);
    }

    /** Shuts the pool down now and checks it terminates and its counts add up with nothing left. */
    static void closeAndCheck(WorkerPool pool) throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS), "pool did not terminate: " + pool);
        waitUntil(Duration.ofSeconds(10), () -> {
            Counts c = pool.metrics().counts();
            return c.submitted() == c.ended();
        }, () -> "tasks left unended: " + pool.metrics().counts());
    }

    /** Polls a condition until it holds or the time is up (then fails with the message). */
    static void waitUntil(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> message)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + limit + ": " + message.get());
            }
            Thread.sleep(2);
        }
    }
}

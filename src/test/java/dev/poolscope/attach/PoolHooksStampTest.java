package dev.poolscope.attach;

import dev.poolscope.agent.boot.Buckets;
import dev.poolscope.agent.boot.PoolEntry;
import dev.poolscope.agent.boot.PoolHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep probe's queue-wait stamp, driven through its hooks in the order {@code ThreadPoolExecutor} calls them,
 * with every submission sampled.
 */
class PoolHooksStampTest {
    private final Object pool = new Object();

    @BeforeEach
    void on() {
        PoolHooks.enable(0, 0, 0);
    }

    @AfterEach
    void off() {
        PoolHooks.disable();
    }

    private long waits() {
        long[][] h = new long[4][Buckets.COUNT + 1];
        PoolEntry e = PoolHooks.entry(pool);
        e.histograms(h);
        return h[2][0];
    }

    @Test
    void sameTaskObjectRejectedLater_leavesTheQueuedOnesStamp() {
        Runnable task = () -> { };
        assertTrue(PoolHooks.onExecute(pool, task), "the first submission stamps");
        PoolHooks.onExecuted(pool);
        // the same object submitted again (a non-capturing lambda) and rejected: a queue that is full
        assertFalse(PoolHooks.onExecute(pool, task), "the stamp is taken");
        PoolHooks.onReject(pool, task);
        PoolHooks.onBefore(pool, task);
        task.run();
        PoolHooks.onAfter(pool);
        assertEquals(1, waits(), "the queued submission's wait is recorded when it starts");
    }

    @Test
    void stampedSubmissionRejected_freesTheStamp() {
        Runnable task = () -> { };
        assertTrue(PoolHooks.onExecute(pool, task));
        PoolHooks.onReject(pool, task);
        PoolHooks.onExecuted(pool);
        PoolHooks.onBefore(pool, task);
        task.run();
        PoolHooks.onAfter(pool);
        assertEquals(0, waits(), "a rejected submission never waited in the queue");
        Runnable other = () -> System.out.flush();
        assertTrue(PoolHooks.onExecute(pool, other), "the freed stamp takes the next sampled submission");
        PoolHooks.onExecuted(pool);
    }
}

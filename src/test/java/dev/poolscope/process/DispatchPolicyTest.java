package dev.poolscope.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch policy alone: plain arithmetic, no processes. */
class DispatchPolicyTest {
    private record W(boolean acceptsWork, int held, double avgServiceNanos) implements DispatchPolicy.Candidate {
    }

    private final DispatchPolicy policy = new DispatchPolicy(1024, 1_000_000);

    @Test
    void depth_fitsOneMillisecondOfServiceTime_between1AndTheMaximum() {
        assertEquals(2, policy.depth(0), "untimed workers hold at most 2");
        assertEquals(1000, policy.depth(1_000));
        assertEquals(1024, policy.depth(10), "capped at the maximum depth");
        assertEquals(1, policy.depth(5_000_000), "a task longer than the budget: one at a time");
        assertEquals(4, policy.depth(250_000));
    }

    @Test
    void average_weighsRecentTasksMost() {
        assertEquals(100, DispatchPolicy.average(0, 100));
        assertEquals(0.8 * 100 + 0.2 * 200, DispatchPolicy.average(100, 200), 1e-9);
    }

    @Test
    void pick_takesAnIdleWorker_elseTheLeastLoaded_skippingThoseThatRefuseOrAreFull() {
        List<W> ws = List.of(new W(true, 3, 1000), new W(false, 0, 1000), new W(true, 1, 1000), new W(true, 2, 1000));
        assertEquals(2, policy.pick(ws));
        assertEquals(-1, policy.pick(List.of(new W(true, 2, 0), new W(false, 0, 0))), "untimed and full, or refusing");
        assertEquals(1, policy.pick(List.of(new W(true, 1, 1000), new W(true, 0, 1000))), "idle wins");
    }

    @Test
    void pick_rotatesAmongEquallyLoadedWorkers() {
        List<W> ws = List.of(new W(true, 1, 1000), new W(true, 1, 1000), new W(true, 1, 1000));
        assertEquals(0, policy.pick(ws));
        assertEquals(1, policy.pick(ws));
        assertEquals(2, policy.pick(ws));
        assertEquals(0, policy.pick(ws));
    }

    @Test
    void shouldFlush_onlyWhenTheWorkerRunsLow() {
        // depth 40 at 25 µs (too long to batch): flush while fewer than 20 sent tasks are still unanswered
        assertFalse(policy.shouldFlush(10, 0, 25_000), "nothing buffered");
        assertTrue(policy.shouldFlush(10, 5, 25_000), "5 sent, well under half the depth");
        assertFalse(policy.shouldFlush(30, 5, 25_000), "25 sent are still ahead of the worker");
        assertTrue(policy.shouldFlush(1, 1, 0), "an untimed worker gets its first task at once");
    }

    @Test
    void shouldFlush_shortTasks_waitInTheBufferWhileTwoSentOnesAreAhead() {
        // 1 µs tasks run in batches: the next batch goes out once the worker is down to one sent task
        assertTrue(policy.shouldFlush(1, 1, 1_000), "an idle worker gets its task at once");
        assertTrue(policy.shouldFlush(2, 1, 1_000), "one sent task ahead: not enough");
        assertFalse(policy.shouldFlush(10, 8, 1_000), "two sent tasks ahead: the rest wait for their replies");
    }

    @Test
    void batches_onlyForTimedWorkersWithShortTasks() {
        assertFalse(policy.batches(0), "untimed");
        assertTrue(policy.batches(1_000));
        assertTrue(policy.batches(DispatchPolicy.BATCH_BELOW_NANOS - 1));
        assertFalse(policy.batches(DispatchPolicy.BATCH_BELOW_NANOS), "20 µs and more: one task per batch");
    }
}

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
        // depth 1000 at 1 µs: flush while fewer than 500 sent tasks are still unanswered
        assertFalse(policy.shouldFlush(10, 0, 1_000), "nothing buffered");
        assertTrue(policy.shouldFlush(10, 5, 1_000), "5 sent, well under half the depth");
        assertFalse(policy.shouldFlush(700, 100, 1_000), "600 sent are still ahead of the worker");
        assertTrue(policy.shouldFlush(1, 1, 0), "an untimed worker gets its first task at once");
    }
}

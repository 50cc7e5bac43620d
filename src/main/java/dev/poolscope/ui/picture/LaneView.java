package dev.poolscope.ui.picture;

import dev.poolscope.metrics.WorkerState;

/**
 * One worker's lane as the view draws it.
 *
 * @param workerId the worker's id in its pool
 * @param label its name
 * @param state its state in the latest snapshot
 * @param pid its process id, or -1 for a thread worker
 * @param tasks tasks it has finished (the engine's count)
 * @param busyFraction share of the last interval it spent running tasks, 0..1
 * @param succeeded tasks seen succeeding on it
 * @param failed tasks seen failing on it
 * @param timedOut tasks seen timing out on it
 * @param cancelled tasks seen cancelled while running on it
 * @param restarts times its process was replaced
 * @param replacedPid the process id of the worker that crashed and was replaced most recently, or -1
 * @param replacedHighlight 1 just after a replacement (or while the worker is dead), fading to 0
 * @param recycled true if the last replacement was a planned recycling, false if the process crashed or was killed
 */
public record LaneView(int workerId, String label, WorkerState state, long pid, long tasks, double busyFraction,
                       long succeeded, long failed, long timedOut, long cancelled,
                       int restarts, long replacedPid, double replacedHighlight, boolean recycled) {

    /** True if the lane shows a crashed worker being replaced now. */
    public boolean replacing() {
        return replacedHighlight > 0;
    }
}

package dev.poolscope.ui.picture;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;

/**
 * One worker's lane inside the model: its latest snapshot, what was seen ending
 * on it, and the mark left when its process was replaced. FX thread (or a test) only.
 */
final class Lane {
    /** How long a replacement stays marked after the new worker is up, milliseconds. */
    static final long MARK_MILLIS = 4000;

    final int workerId;
    WorkerSnapshot latest;
    final long[] ended = new long[Outcome.values().length];
    long replacedPid = -1;
    long markedAt = Long.MIN_VALUE / 2;
    boolean recycled;
    private boolean sawRecycling;

    Lane(WorkerSnapshot first, long nowMillis) {
        this.workerId = first.id();
        this.latest = first;
    }

    /**
     * Takes the worker's next snapshot. A worker slot whose restart count grew or
     * whose process id changed had its process replaced: the old process id is
     * kept and the lane marked.
     */
    void update(WorkerSnapshot w, long nowMillis) {
        WorkerSnapshot was = latest;
        if (w.state() == WorkerState.RECYCLING) {
            sawRecycling = true;
        }
        boolean restarted = w.restarts() > was.restarts();
        boolean newPid = was.pid() > 0 && w.pid() > 0 && w.pid() != was.pid();
        if (restarted || newPid) {
            if (was.pid() > 0 && (newPid || replacedPid != was.pid())) {
                replacedPid = was.pid();
            }
            recycled = sawRecycling;
            sawRecycling = false;
            markedAt = nowMillis;
        }
        if (w.state() == WorkerState.DEAD || (w.state() == WorkerState.STARTING && replacedPid > 0)) {
            markedAt = nowMillis; // kept marked while the replacement starts
            if (w.state() == WorkerState.DEAD) {
                recycled = false;
            }
        }
        latest = w;
    }

    /** 1 while (or just after) the worker is replaced, fading to 0. */
    double highlight(long nowMillis) {
        long age = nowMillis - markedAt;
        return age < 0 ? 1 : Math.max(0, 1 - age / (double) MARK_MILLIS);
    }

    LaneView view(long nowMillis) {
        WorkerSnapshot w = latest;
        return new LaneView(w.id(), w.label(), w.state(), w.pid(), w.tasks(), w.busyFraction(),
                ended[Outcome.SUCCEEDED.ordinal()], ended[Outcome.FAILED.ordinal()],
                ended[Outcome.TIMED_OUT.ordinal()], ended[Outcome.CANCELLED.ordinal()],
                w.restarts(), replacedPid, highlight(nowMillis), recycled);
    }
}

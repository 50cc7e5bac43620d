package dev.poolscope.ui.view;

import dev.poolscope.engine.Run;
import dev.poolscope.metrics.WorkerSnapshot;

/** Actions on single workers of a running pool, through the pool's own capability (process pools can kill one). */
public final class WorkerControl {
    private WorkerControl() {
    }

    /** True if the run's pool can kill a chosen worker. */
    public static boolean canKill(Run run) {
        return run != null && run.pool().killsWorkers();
    }

    /** What the kill button does, or why it is disabled. */
    public static String hint() {
        return "Process pool only: kills the worker's process; its task fails and the slot starts a new process."
                + " Thread workers cannot be killed safely.";
    }

    /**
     * Kills a worker's process. Engine thread.
     *
     * @return the killed process id, or -1 if the worker had no live process
     * @throws UnsupportedOperationException if the pool cannot kill single workers or the row has no slot
     */
    public static long kill(Run run, WorkerSnapshot worker) {
        if (worker.slot() < 0) {
            throw new UnsupportedOperationException(worker.label() + " is not a worker slot of its pool");
        }
        return run.pool().killWorker(worker.slot());
    }
}

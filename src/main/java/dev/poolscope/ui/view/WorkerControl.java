package dev.poolscope.ui.view;

import dev.poolscope.engine.Run;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.process.ProcessWorkerPool;

/** Actions on single workers of a running pool: only a process pool can kill one (its slot then starts a new process). */
public final class WorkerControl {
    private WorkerControl() {
    }

    /** True if the run's pool can kill a chosen worker. */
    public static boolean canKill(Run run) {
        return run != null && run.pool() instanceof ProcessWorkerPool;
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
     * @throws UnsupportedOperationException if the pool is not a process pool
     */
    public static long kill(Run run, WorkerSnapshot worker) {
        if (!(run.pool() instanceof ProcessWorkerPool pool)) {
            throw new UnsupportedOperationException("only a process pool can kill a single worker");
        }
        return pool.killWorker(slotId(worker));
    }

    /** The pool's slot id: the number in a label such as {@code process-3}, else the snapshot's id. */
    public static int slotId(WorkerSnapshot w) {
        String label = w.label();
        if (label != null) {
            int dash = label.lastIndexOf('-');
            if (dash >= 0) {
                try {
                    return Integer.parseInt(label.substring(dash + 1));
                } catch (NumberFormatException ignored) {
                    // fall back to the id
                }
            }
        }
        return w.id();
    }
}

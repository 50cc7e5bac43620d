package dev.poolscope.ui.view;

import dev.poolscope.engine.Run;

/** Actions on single workers of a running pool (killing one needs a process pool). */
public final class WorkerControl {
    private WorkerControl() {
    }

    /** True if the run's pool can kill a chosen worker. */
    public static boolean canKill(Run run) {
        return false;
    }

    /** Why the kill button may be disabled. */
    public static String hint() {
        return "Killing a worker needs the process pool, which is not in this build yet; thread workers cannot be killed safely.";
    }

    /** Kills a worker by id. */
    public static void kill(Run run, int workerId) {
        throw new UnsupportedOperationException("this pool cannot kill a single worker");
    }
}

package dev.poolscope.ui.view;

/** What the Workers tab says of killing single workers (the pool's own capability, see {@code WorkerPool#killsWorkers()}). */
public final class WorkerControl {
    private WorkerControl() {
    }

    /** What the kill button does, or why it is disabled. */
    public static String hint() {
        return "Process pool only: kills the worker's process; its task fails and the slot starts a new process."
                + " Thread workers cannot be killed safely.";
    }
}

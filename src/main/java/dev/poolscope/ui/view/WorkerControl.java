package dev.poolscope.ui.view;

/** What the Workers tab says of killing single workers (the pool's own capability, see {@code WorkerPool#killsWorkers()}). */
public final class WorkerControl {
    private WorkerControl() {
    }

    /** What the kill button does, or why it is disabled. */
    public static String hint() {
        return "Process pool only: kills the worker's process; its task fails and the slot starts a new process."
                + " Cluster pool: kills the member's JVM; the tasks it was running fail and a new member takes its place."
                + " Thread workers cannot be killed safely.";
    }

    /** The kill button's text for a run of this pool kind (null: none yet): a cluster's workers are its members. */
    public static String killLabel(String kind) {
        return "cluster".equals(kind) ? "Kill selected member" : "Kill selected worker";
    }
}

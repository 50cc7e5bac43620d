package dev.poolscope.engine;

/**
 * The life cycle of a run.
 * <pre>
 *   RUNNING -> COMPLETED   every task submitted and ended
 *   RUNNING -> STOPPED     stopped by the user; queued tasks cancelled
 *   RUNNING -> FAILED      the engine itself failed (not a task)
 * </pre>
 */
public enum RunState {
    RUNNING, COMPLETED, STOPPED, FAILED;

    /** True once the run has ended. */
    public boolean ended() {
        return this != RUNNING;
    }

    /** Lower-case name for reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

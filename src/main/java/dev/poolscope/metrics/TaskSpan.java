package dev.poolscope.metrics;

/**
 * One task's stay on one worker, for timeline charts. Instants are nanoseconds
 * since the run (or pool) started.
 *
 * @param workerId the worker
 * @param taskId the task's sequence number
 * @param startNanos when it started
 * @param endNanos when it ended, or -1 if it is still running
 * @param outcome how it ended, or null if still running
 */
public record TaskSpan(int workerId, long taskId, long startNanos, long endNanos, Outcome outcome) {

    /** True if the task is still running. */
    public boolean running() {
        return endNanos < 0;
    }
}

package dev.poolscope.metrics;

/**
 * One worker at one instant.
 *
 * @param id worker id, unique in its pool
 * @param label human-readable name
 * @param state life-cycle state
 * @param busyFraction fraction of the last interval spent running tasks, 0..1
 * @param tasks tasks this worker has finished
 * @param restarts times this worker slot was restarted (process workers)
 * @param pid process id, or -1 for thread workers
 * @param cpuNanos CPU time of the worker process, or -1 (not measured yet); for a process that has
 *        exited, the last figure measured while it lived
 * @param rssBytes resident memory of the worker process, or -1 (not measured yet); for a process that
 *        has exited, the last figure measured while it lived
 * @param startupMillis time from process start to ready, or -1
 * @param slot the pool's own id for this worker's slot (what {@code WorkerPool.killWorker} takes), or -1
 * @param exitReason why the worker's last process ended (exit code, signal, or what the pool did), or null
 *        while none has
 */
public record WorkerSnapshot(int id, String label, WorkerState state, double busyFraction, long tasks,
                             int restarts, long pid, long cpuNanos, long rssBytes, double startupMillis, int slot,
                             String exitReason) {

    /** A worker whose process has not ended (or a thread worker). */
    public WorkerSnapshot(int id, String label, WorkerState state, double busyFraction, long tasks,
                          int restarts, long pid, long cpuNanos, long rssBytes, double startupMillis, int slot) {
        this(id, label, state, busyFraction, tasks, restarts, pid, cpuNanos, rssBytes, startupMillis, slot, null);
    }

    /** True once the worker is gone for good: its pool retired it, or it died and was not replaced. */
    public boolean ended() {
        return state == WorkerState.RETIRED;
    }

    /** True if the worker had a process that ended before its CPU time or memory was ever read. */
    public boolean exitedUnmeasured() {
        return pid > 0 && cpuNanos < 0 && rssBytes < 0 && (state == WorkerState.DEAD || state == WorkerState.RETIRED);
    }

    /** A worker without a slot of its pool's own (thread workers). */
    public WorkerSnapshot(int id, String label, WorkerState state, double busyFraction, long tasks,
                          int restarts, long pid, long cpuNanos, long rssBytes, double startupMillis) {
        this(id, label, state, busyFraction, tasks, restarts, pid, cpuNanos, rssBytes, startupMillis, -1);
    }
}

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
 * @param cpuNanos CPU time of the worker process, or -1
 * @param rssBytes resident memory of the worker process, or -1
 * @param startupMillis time from process start to ready, or -1
 * @param slot the pool's own id for this worker's slot (what {@code WorkerPool.killWorker} takes), or -1
 */
public record WorkerSnapshot(int id, String label, WorkerState state, double busyFraction, long tasks,
                             int restarts, long pid, long cpuNanos, long rssBytes, double startupMillis, int slot) {

    /** A worker without a slot of its pool's own (thread workers). */
    public WorkerSnapshot(int id, String label, WorkerState state, double busyFraction, long tasks,
                          int restarts, long pid, long cpuNanos, long rssBytes, double startupMillis) {
        this(id, label, state, busyFraction, tasks, restarts, pid, cpuNanos, rssBytes, startupMillis, -1);
    }
}

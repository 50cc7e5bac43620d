package dev.poolscope.metrics;

/**
 * Records what one worker does. Unless it was created with {@code sharedWriters},
 * a worker recorder has a single writer: the worker's own thread, or for a
 * process worker the one parent thread that speaks for that worker. Readers
 * (the sampler) never block the writer.
 *
 * <p>A worker may have more than one task in flight (a process worker with a
 * pipelined channel); it counts as busy while at least one is.
 */
public interface WorkerRecorder {

    /** The worker's id, unique within its pool, in creation order from 0. */
    int id();

    /** The worker's name in reports and views, e.g. {@code fixed-0}. */
    default String label() {
        return "worker-" + id();
    }

    /**
     * Records that a task began on this worker.
     *
     * @param taskId the task's sequence number in its pool
     * @param startNanos {@link System#nanoTime()} when it began
     */
    void taskStarted(long taskId, long startNanos);

    /**
     * Records that a task finished on this worker (left it after starting on it),
     * with its three instants. Wait = start - submit, service = end - start,
     * latency = end - submit.
     *
     * @param outcome the task's outcome as far as the worker knows it
     */
    void taskFinished(long taskId, long submitNanos, long startNanos, long endNanos, Outcome outcome);

    /**
     * Counts the end (in any outcome) of a task whose outcome was decided on this worker's own
     * writer thread (the cheap path for {@link PoolRecorder#taskEnded}).
     */
    void taskEnded(Outcome outcome, Throwable cause);

    /** {@link #taskEnded(Outcome, Throwable)} for a task whose sequence number is known. */
    default void taskEnded(Outcome outcome, Throwable cause, long taskId) {
        taskEnded(outcome, cause);
    }

    /** Sets the state shown for this worker (process workers; thread workers derive it). */
    void setState(WorkerState state);

    /**
     * Sets figures only a worker process has. Any value may be -1 for "unknown".
     *
     * @param pid the operating-system process id
     * @param cpuNanos CPU time the process has used
     * @param rssBytes resident memory of the process
     * @param startupMillis time from process start to its ready handshake
     */
    void setProcessFigures(long pid, long cpuNanos, long rssBytes, double startupMillis);

    /**
     * Records that the worker's process ended (process workers), and why: an exit code, a signal,
     * or what the pool did to it. The reason stays until the next process of the slot ends.
     */
    default void exited(String reason) {
    }

    /**
     * Sets how many tasks the worker runs now as far as the pool last heard,
     * for a worker whose tasks' starts reach the pool only with their replies
     * (a cluster member, which reports its running tasks every sampling
     * interval): the busy-worker figure and the worker's state then read this
     * count instead of the tasks whose start was recorded. Never called for
     * workers whose starts are recorded as they happen.
     *
     * @param running tasks running on the worker, at least 0
     */
    default void setRunningNow(int running) {
    }

    /** Counts one restart of this worker slot (a replaced crashed or recycled process). */
    void restarted(String reason);

    /**
     * Marks the worker as gone for good (its thread ended, or the pool shrank or
     * closed). Called after the worker's last record: a reader that sees the
     * mark and then reads the worker has everything it recorded.
     */
    void retire();
}

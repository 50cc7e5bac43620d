package dev.poolscope.metrics;

/**
 * The recording side of a pool's metrics: what pools call on the task path.
 * Reading is done elsewhere, from immutable {@link MetricsSnapshot}s.
 *
 * <p>Implementations are thread-safe. {@link #taskSubmitted()} and
 * {@link #taskEnded(Outcome, Throwable)} may be called from any thread;
 * each {@link WorkerRecorder} has a single writer (see its documentation).
 *
 * <p>{@link #noop()} returns a recorder that records nothing, for measuring a
 * pool without observation.
 */
public interface PoolRecorder {

    /**
     * Registers a new worker and returns its recorder.
     *
     * @param label a short human-readable name, such as {@code fixed-3}
     * @param sharedWriters true if several threads may record through the
     *        returned recorder at once (for example the "caller runs" pseudo worker)
     * @return the worker's recorder
     */
    WorkerRecorder addWorker(String label, boolean sharedWriters);

    /**
     * Counts one task accepted by {@code execute}, before it is queued or
     * rejected, and returns its sequence number in this pool (0, 1, 2, ...).
     */
    long taskSubmitted();

    /**
     * Counts the end of one submitted task. For each submitted task exactly one
     * call of this or {@link WorkerRecorder#taskEnded} is made.
     *
     * @param outcome how it ended
     * @param cause the task's own exception for {@link Outcome#FAILED}, otherwise may be null
     */
    void taskEnded(Outcome outcome, Throwable cause);

    /**
     * {@link #taskEnded(Outcome, Throwable)} for a task whose sequence number is known, so a
     * failure can name its task and a rejected or cancelled task can be named in snapshots
     * ({@link MetricsSnapshot#cancelsAndRejects()}). The default forgets the number.
     *
     * @param taskId the number {@link #taskSubmitted()} gave the task
     */
    default void taskEnded(Outcome outcome, Throwable cause, long taskId) {
        taskEnded(outcome, cause);
    }

    /** Returns a recorder that records nothing. */
    static PoolRecorder noop() {
        return NoopRecorder.INSTANCE;
    }
}

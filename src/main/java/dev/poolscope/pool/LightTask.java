package dev.poolscope.pool;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerRecorder;

/**
 * A task handed to {@link AbstractWorkerPool#execute(Runnable)} as a plain
 * {@code Runnable}, in kinds whose queue is unbounded and whose tasks have no
 * timeout: nobody can wait on it, cancel it or time it out, so it carries no
 * future. It records the same instants and outcome as an {@link ObservedTask}
 * without the future's allocation and its three atomic instructions per task.
 *
 * <p>It ends exactly once by ownership rather than by a compare-and-set: the
 * submitter owns it until it is queued (and rejects it if the pool refuses
 * it); whoever takes it out of the queue owns it from then on, either the
 * worker that runs it or {@code shutdownNow}, which drains the queue and
 * cancels what it drained ({@link #cancelUnstarted()}).
 *
 * <p>Like an {@code ObservedTask}, a body that throws ends the task as
 * failed (its error goes to the pool's error table) and does not kill its
 * worker thread.
 */
final class LightTask implements Runnable {
    private final AbstractWorkerPool pool;
    private final Runnable body;
    final long id;
    final long submitNanos;

    LightTask(AbstractWorkerPool pool, Runnable body, long id, long submitNanos) {
        this.pool = pool;
        this.body = body;
        this.id = id;
        this.submitNanos = submitNanos;
    }

    @Override
    public void run() {
        WorkerRecorder worker = pool.recorderForCurrentThread();
        long start = System.nanoTime();
        worker.taskStarted(id, start);
        Outcome outcome = Outcome.SUCCEEDED;
        Throwable cause = null;
        try {
            body.run();
        } catch (Throwable t) {
            cause = t;
            outcome = pool.stoppedNow() && ObservedTask.interrupted(t) ? Outcome.CANCELLED : Outcome.FAILED;
        }
        long end = System.nanoTime();
        // the outcome first, then the end instant: the order an ObservedTask reports them in
        worker.taskEnded(outcome, outcome == Outcome.FAILED ? cause : null);
        worker.taskFinished(id, submitNanos, start, end, outcome);
    }

    /** The user's runnable. */
    Runnable body() {
        return body;
    }

    /** Ends a task that was drained from the queue by {@code shutdownNow} as cancelled. */
    void cancelUnstarted() {
        pool.metrics().taskEnded(Outcome.CANCELLED, null, id);
    }

    /** Ends a task the pool refused as rejected. */
    void reject() {
        pool.metrics().taskEnded(Outcome.REJECTED, null, id);
    }

    @Override
    public String toString() {
        return "LightTask[id=" + id + ", " + body + "]";
    }
}

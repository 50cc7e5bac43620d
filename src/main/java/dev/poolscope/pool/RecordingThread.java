package dev.poolscope.pool;

import dev.poolscope.metrics.WorkerRecorder;

/**
 * A worker thread that carries its own recorder, so a task finds where to
 * record with one type check instead of a thread-local look-up.
 */
public interface RecordingThread {
    /** The pool the thread works for. */
    AbstractWorkerPool pool();

    /** The thread's own single-writer recorder. */
    WorkerRecorder recorder();
}

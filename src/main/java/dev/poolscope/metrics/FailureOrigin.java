package dev.poolscope.metrics;

/**
 * A task failure that knows where it happened: the worker and, for a worker
 * process, its process id. {@link ErrorTable} reads it from a failure's cause
 * (or from the causes and suppressed exceptions it carries) to say which
 * workers and processes a group of errors spans.
 */
public interface FailureOrigin {
    /** The worker (slot) the failure happened on. */
    int workerId();

    /** The worker's process id, or -1 for a thread worker. */
    long pid();
}

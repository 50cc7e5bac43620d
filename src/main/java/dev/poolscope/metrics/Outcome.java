package dev.poolscope.metrics;

/**
 * How a submitted task ended. Every task a pool accepts for accounting ends in
 * exactly one of these outcomes, exactly once.
 */
public enum Outcome {
    /** The task ran and returned normally. */
    SUCCEEDED,
    /** The task ran and threw; the exception is the task's own. */
    FAILED,
    /** The task was cancelled by its submitter or by {@code shutdownNow}. */
    CANCELLED,
    /** The pool refused the task (saturated queue, shutdown, or discarded as oldest). */
    REJECTED,
    /** The task ran past the per-task timeout. */
    TIMED_OUT;

    private static final Outcome[] VALUES = values();

    /** Returns the outcome with the given ordinal. */
    public static Outcome of(int ordinal) {
        return VALUES[ordinal];
    }
}

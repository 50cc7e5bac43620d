package dev.poolscope.metrics;

/**
 * Figures a sampler reads from the pool itself rather than from its recorder.
 * Implementations must be cheap and safe to call from the sampling thread.
 */
public interface PoolGauges {
    /** The worker count the pool is set to (its target size). */
    int poolSize();

    /** Workers that exist right now. */
    int liveWorkers();

    /** The pool's stall now (its workers waiting on tasks of their own pool), or null if none. */
    default StallStatus stall() {
        return null;
    }
}

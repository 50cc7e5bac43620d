package dev.poolscope.metrics;

/**
 * The life-cycle state of one worker as a user sees it.
 *
 * <pre>
 *   STARTING -> IDLE <-> BUSY -> RECYCLING -> (replaced by a new worker)
 *                  \       \
 *                   +-------+--> DEAD (crashed or killed) / RETIRED (pool shrank or closed)
 * </pre>
 * Thread-pool workers are only ever IDLE, BUSY or RETIRED.
 */
public enum WorkerState {
    STARTING, IDLE, BUSY, RECYCLING, DEAD, RETIRED
}

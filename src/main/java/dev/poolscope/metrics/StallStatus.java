package dev.poolscope.metrics;

import java.util.List;

/**
 * A pool's stall as it is now: the kind, the workers that wait, the tasks
 * they wait for and the wait-for chain as text. Immutable; null in a
 * snapshot when the pool is not stalled.
 *
 * @param kind {@link #STARVATION_DEADLOCK} (every worker waits for a task that
 *        cannot start) or {@link #THROUGHPUT_COLLAPSE} (most workers do)
 * @param workers labels of the waiting workers
 * @param waitingOn ids of the tasks they wait for
 * @param chain one line per waiting worker, e.g. {@code fixed-0 runs task 3 and waits for task 25 (queued)}
 * @param lastedMillis how long the stall has lasted so far
 * @param workerCount the pool's worker count when it was seen
 * @param episodes episodes seen so far in this pool, this one included
 * @param failedTasks waiting tasks failed so far to end stalls ({@code on-stall fail})
 */
public record StallStatus(String kind, List<String> workers, List<Long> waitingOn, List<String> chain,
                          long lastedMillis, int workerCount, int episodes, long failedTasks) {
    /** Every worker waits for a task of its own pool that is still queued (or for a task so blocked). */
    public static final String STARVATION_DEADLOCK = "starvation-deadlock";
    /** More than half the workers wait so, not all: the pool goes on, slowly. */
    public static final String THROUGHPUT_COLLAPSE = "throughput-collapse";

    public StallStatus {
        workers = List.copyOf(workers);
        waitingOn = List.copyOf(waitingOn);
        chain = List.copyOf(chain);
    }

    /** True for a starvation deadlock (nothing can run), false for a collapse. */
    public boolean deadlocked() {
        return STARVATION_DEADLOCK.equals(kind);
    }

    /** One line for status bars and the command line. */
    public String describe() {
        return (deadlocked() ? "starvation deadlock: every worker (" : "throughput collapsed: " + workers.size() + " of "
                + workerCount + " workers (") + String.join(", ", workers) + ") waits for tasks of its own pool "
                + waitingOn + " that are queued behind them, for " + lastedMillis + " ms";
    }
}

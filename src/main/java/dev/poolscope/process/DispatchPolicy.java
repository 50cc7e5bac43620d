package dev.poolscope.process;

import java.util.List;

/**
 * Which worker takes the next task, how many tasks a worker may hold, and when
 * the tasks written to a worker are flushed. Plain arithmetic over what the
 * pool knows of each worker; no I/O, no locks (the caller holds the pool's).
 *
 * <h2>Pipeline depth</h2>
 * A worker may hold as many tasks as fit in {@code budgetNanos} of its average
 * service time (recent tasks weigh most), between 1 and {@code maxDepth}; so
 * a worker never holds more than about that much queued work, however short
 * its tasks. Before any task has been timed it holds at most 2.
 *
 * <h2>Flushing</h2>
 * Tasks are written to a worker's buffer and flushed only where the worker
 * would otherwise run low: while it still holds half its depth of sent tasks
 * (at least two), further ones wait in the buffer and go out together at a
 * later reply, so writes are batched yet the worker never runs dry while its
 * next batch is in transit. A worker whose tasks are short ({@link #batches})
 * gets its next tasks once it holds fewer than two sent ones: its replies come
 * back a batch at a time, and each reply's handling flushes all that was
 * buffered meanwhile, so a stream of short tasks costs a pipe write per batch
 * rather than per task.
 *
 * <h2>Batches</h2>
 * Tasks of a worker whose average service time is under
 * {@value #BATCH_BELOW_NANOS} ns may share a batch: the worker runs them
 * without flushing each reply before the next starts, and flushes the batch's
 * replies together. If the worker dies, every unanswered task of the batch it
 * was running may have started, so all of them fail; later batches provably
 * never started.
 */
final class DispatchPolicy {
    /** What the policy needs to know about one worker. */
    interface Candidate {
        /** True if the worker may be given a task now (ready, not draining or broken). */
        boolean acceptsWork();

        /** Tasks written to the worker and not yet answered. */
        int held();

        /** The worker's average service time in nanoseconds, 0 if none has been timed. */
        double avgServiceNanos();
    }

    /** Average service time below which a worker's tasks may share a batch: 20 µs. */
    static final long BATCH_BELOW_NANOS = 20_000;

    private final int maxDepth;
    private final long budgetNanos;
    private int rotate;

    /**
     * @param maxDepth the most tasks a worker may hold (at least 1)
     * @param budgetNanos the service time a worker's held tasks should fit in
     */
    DispatchPolicy(int maxDepth, long budgetNanos) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("pipeline depth must be at least 1, was " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.budgetNanos = budgetNanos;
    }

    /** Tasks a worker with this average service time may hold now. */
    int depth(double avgServiceNanos) {
        if (avgServiceNanos == 0) {
            return Math.min(2, maxDepth); // no task timed yet: do not pile work on one worker
        }
        if (avgServiceNanos > budgetNanos) {
            return 1;
        }
        return (int) Math.max(1, Math.min(maxDepth, budgetNanos / Math.max(1, avgServiceNanos)));
    }

    /** The new average service time after a task that took {@code serviceNanos}. */
    static double average(double avgServiceNanos, long serviceNanos) {
        return avgServiceNanos == 0 ? serviceNanos : 0.8 * avgServiceNanos + 0.2 * serviceNanos;
    }

    /**
     * The index of the least-loaded worker that can take a task now, or -1.
     * Ties go round-robin, starting after the worker picked last; an idle
     * worker is taken at once.
     */
    int pick(List<? extends Candidate> workers) {
        int best = -1;
        int bestHeld = Integer.MAX_VALUE;
        int n = workers.size();
        for (int k = 0; k < n; k++) {
            int i = (rotate + k) % n;
            Candidate c = workers.get(i);
            if (!c.acceptsWork()) {
                continue;
            }
            int held = c.held();
            if (held < depth(c.avgServiceNanos()) && held < bestHeld) {
                best = i;
                bestHeld = held;
                if (held == 0) {
                    break;
                }
            }
        }
        if (best >= 0) {
            rotate = best + 1;
        }
        return best;
    }

    /**
     * True if a worker's buffered tasks should be flushed now: it holds
     * {@code held} tasks of which {@code unflushed} are still in the buffer.
     */
    boolean shouldFlush(int held, int unflushed, double avgServiceNanos) {
        int ahead = batches(avgServiceNanos) ? 2 : Math.max(2, depth(avgServiceNanos) / 2);
        return unflushed > 0 && held - unflushed < ahead;
    }

    /** True if a worker with this average service time may run its tasks in batches (see the class comment). */
    boolean batches(double avgServiceNanos) {
        return avgServiceNanos > 0 && avgServiceNanos < BATCH_BELOW_NANOS;
    }
}

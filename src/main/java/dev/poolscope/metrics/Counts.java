package dev.poolscope.metrics;

/**
 * Task totals at one instant, and the one definition of the figures derived
 * from them. The identity
 * {@code submitted == succeeded + failed + cancelled + rejected + timedOut + queued + running}
 * always holds: {@code queued} is derived so that it does.
 *
 * <p>Glossary: one word per set of tasks, in code, JSON and screen.
 * <ul>
 * <li><em>ended</em> ({@link #ended()}): every task that has an outcome, whatever it is
 *     (succeeded, failed, cancelled, rejected or timed out). The JSON field
 *     {@code samples[].completed} holds this set, under its old name.</li>
 * <li><em>ran</em> ({@link #ran()}): the tasks that ran to an end on a worker: succeeded,
 *     failed or timed out. Rejected tasks never ran; cancelled ones were stopped
 *     before or while running. Throughput counts this set.</li>
 * <li><em>finished</em>: a task left the worker it started on (its start and end
 *     instants are recorded, {@link WorkerRecorder#taskFinished}); it may still be
 *     cancelled. Not a count.</li>
 * </ul>
 * "Completed" names a run's state ({@code RunState.COMPLETED}: every task ended),
 * never a set of tasks.
 *
 * <p>Throughput, wherever it is shown (samples, report, live view, history,
 * sweeps), is {@link #throughput(long, long)}: tasks that <em>ran</em> per
 * second of the time given.
 *
 * @param submitted tasks handed to the pool
 * @param succeeded tasks that returned normally
 * @param failed tasks that threw
 * @param cancelled tasks cancelled before or while running
 * @param rejected tasks the pool refused
 * @param timedOut tasks that ran past their timeout
 * @param running tasks running on a worker now
 * @param queued tasks accepted but not yet started
 */
public record Counts(long submitted, long succeeded, long failed, long cancelled, long rejected,
                     long timedOut, long running, long queued) {

    /** Counts with everything zero. */
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

    /** Tasks that have ended, in any outcome. */
    public long ended() {
        return succeeded + failed + cancelled + rejected + timedOut;
    }

    /** Tasks that ran to an end on a worker: succeeded, failed or timed out. */
    public long ran() {
        return succeeded + failed + timedOut;
    }

    /** Throughput over {@code nanos}: {@link #ran()} per second (0 if {@code nanos <= 0}). */
    public double throughput(long nanos) {
        return throughput(ran(), nanos);
    }

    /**
     * The one throughput function: {@code ran} tasks that ran to an end over
     * {@code nanos} nanoseconds, per second; 0 if {@code nanos <= 0}.
     */
    public static double throughput(long ran, long nanos) {
        return nanos <= 0 ? 0 : ran * 1e9 / nanos;
    }

    /** True if the identity above holds (it always should). */
    public boolean addsUp() {
        return submitted == ended() + running + queued;
    }
}

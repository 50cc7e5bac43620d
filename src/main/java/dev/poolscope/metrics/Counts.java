package dev.poolscope.metrics;

/**
 * Task totals at one instant. The identity
 * {@code submitted == succeeded + failed + cancelled + rejected + timedOut + queued + running}
 * always holds: {@code queued} is derived so that it does.
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

    /** Tasks that ran to an end on a worker (succeeded or failed). */
    public long completed() {
        return succeeded + failed;
    }

    /** True if the identity above holds (it always should). */
    public boolean addsUp() {
        return submitted == ended() + running + queued;
    }
}

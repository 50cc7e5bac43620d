package dev.poolscope.process;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The pool's watchdog thread: kills a worker that does not complete its
 * handshake within the start limit, or that sends nothing (not even a
 * heartbeat) within the heartbeat limit (a worker whose input was closed,
 * exiting, within the longer of that and the start limit), and asks the pool to check task
 * deadlines. It reads only volatile figures of the channels and never takes
 * the pool's lock for the start and heartbeat checks, so a thread stuck on a
 * frozen worker cannot hold it up. Twice a second it notes each worker's
 * descendant processes, so they can be killed with it.
 */
final class Watchdog implements Runnable {
    /** How often the workers' descendant processes are noted. */
    private static final long CENSUS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private final Collection<WorkerChannel> live;
    private final long startLimitNanos;
    private final long beatLimitNanos;
    private final long tickNanos;
    private final BooleanSupplier stop;
    private final LongConsumer deadlines;

    /**
     * @param live the live channels (a concurrent collection)
     * @param deadlines called each tick with the current time if tasks have a timeout, else null
     */
    Watchdog(Collection<WorkerChannel> live, ProcessPoolSettings settings, long taskTimeoutNanos, BooleanSupplier stop,
             LongConsumer deadlines) {
        this.live = live;
        this.startLimitNanos = settings.startTimeout().toNanos();
        this.beatLimitNanos = settings.heartbeatTimeout().toNanos();
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.MILLISECONDS.toNanos(50),
                taskTimeoutNanos > 0 ? taskTimeoutNanos / 10 : Long.MAX_VALUE));
        this.stop = stop;
        this.deadlines = deadlines;
    }

    @Override
    public void run() {
        long lastCensus = System.nanoTime();
        while (!stop.getAsBoolean()) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            boolean census = now - lastCensus > CENSUS_NANOS;
            if (census) {
                lastCensus = now;
            }
            for (WorkerChannel c : live) {
                check(c, now);
                if (census) {
                    c.recordDescendants(); // a dead worker's children are re-parented: know them while it lives
                }
            }
            if (deadlines != null) {
                deadlines.accept(now);
            }
        }
    }

    /** Kills the channel if it is past its start or heartbeat limit. */
    void check(WorkerChannel c, long now) {
        WorkerChannel.Phase phase = c.phase();
        if (c.broken() || phase == WorkerChannel.Phase.DEAD) {
            return;
        }
        if (phase == WorkerChannel.Phase.STARTING && now - c.spawnNanos > startLimitNanos) {
            c.kill("no handshake within " + TimeUnit.NANOSECONDS.toMillis(startLimitNanos) + " ms of its start");
        } else if (phase != WorkerChannel.Phase.STARTING) {
            // a closing worker holds no task and is exiting, which may take a while (writing its
            // class-data archive at exit stops its heartbeats): it gets the start limit, if longer
            long limit = phase == WorkerChannel.Phase.CLOSING ? Math.max(beatLimitNanos, startLimitNanos) : beatLimitNanos;
            if (now - c.lastHeardNanos > limit) {
                c.kill((phase == WorkerChannel.Phase.CLOSING ? "did not exit: no heartbeat for " : "frozen: no heartbeat for ")
                        + TimeUnit.NANOSECONDS.toMillis(now - c.lastHeardNanos)
                        + " ms (limit " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms)");
            }
        }
    }
}

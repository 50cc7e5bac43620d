package dev.poolscope.pool;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How many stops are in progress in a pool: a {@code shutdownNow} that is
 * cancelling what it drained, or a cancel whose end is not yet counted. A
 * pool does not report termination while one is. Thread-safe.
 */
final class StopsInProgress {
    /** Guarded by this. */
    private int count;

    /** Runs {@code stop} as one stop in progress and returns what it returns. */
    <T> T run(Supplier<T> stop) {
        synchronized (this) {
            count++;
        }
        try {
            return stop.get();
        } finally {
            synchronized (this) {
                count--;
                notifyAll();
            }
        }
    }

    /** True when no stop is in progress. */
    synchronized boolean finished() {
        return count == 0;
    }

    /** Waits until no stop is in progress or the deadline ({@link System#nanoTime()}) passes; true if none is. */
    synchronized boolean await(long deadlineNanos) throws InterruptedException {
        while (count != 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}

package dev.poolscope.engine;

import dev.poolscope.workload.Work;

import java.time.Duration;

/**
 * When a run's tasks arrive. Open loop: the driver submits on schedule and
 * does not wait for earlier tasks to end (beyond the run's in-flight cap).
 */
public sealed interface Arrival {

    /** The offset from the run's start, in nanoseconds, at which task {@code i} is due. */
    long dueNanos(long i, long seed);

    /** As written on the command line. */
    String describe();

    /** All tasks at once, as fast as the pool accepts them. */
    record AllAtOnce() implements Arrival {
        @Override public long dueNanos(long i, long seed) { return 0; }
        @Override public String describe() { return "all"; }
    }

    /** Evenly spaced, {@code perSecond} tasks a second. */
    record FixedRate(double perSecond) implements Arrival {
        @Override public long dueNanos(long i, long seed) { return (long) (i * 1e9 / perSecond); }
        @Override public String describe() { return "fixed:" + perSecond + "/s"; }
    }

    /**
     * A Poisson process of {@code perSecond} tasks a second: exponential gaps,
     * fixed by the seed. Due times are computed incrementally by the driver.
     */
    record Poisson(double perSecond) implements Arrival {
        @Override
        public long dueNanos(long i, long seed) {
            throw new UnsupportedOperationException("Poisson arrivals are generated incrementally; use gapNanos");
        }

        /** The gap before task {@code i}. */
        public long gapNanos(long i, long seed) {
            double u = Work.unit(seed, i, 99);
            return (long) (-Math.log(1 - u) / perSecond * 1e9);
        }

        @Override public String describe() { return "poisson:" + perSecond + "/s"; }
    }

    /** {@code size} tasks at once, every {@code every}. */
    record Batches(int size, Duration every) implements Arrival {
        @Override public long dueNanos(long i, long seed) { return (i / size) * every.toNanos(); }
        @Override public String describe() { return "batches:" + size + "/" + Durations.format(every); }
    }
}

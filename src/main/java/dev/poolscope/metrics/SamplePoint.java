package dev.poolscope.metrics;

/**
 * The compact part of one snapshot that a run keeps for its whole length
 * (the series of a report, of charts that compare runs, and of CSV export).
 * A point covers the interval that ends at {@code elapsedMillis}; a point that
 * stands for several samples (see {@link #merge}) covers all their intervals,
 * so the {@code ran} figures of a series always add up to the tasks that ran.
 *
 * @param elapsedMillis time since sampling began, at the end of the interval
 * @param poolSize worker count the pool was set to
 * @param queueDepth tasks waiting
 * @param activeWorkers workers running a task
 * @param ended tasks ended so far, in any outcome (JSON {@code completed})
 * @param ran tasks that ran to an end during the interval (see {@link Counts#ran()})
 * @param intervalNanos length of the interval the point covers
 * @param throughputPerSecond {@code ran} per second of the interval
 * @param p50Micros interval median latency
 * @param p90Micros interval 90th-percentile latency
 * @param p99Micros interval 99th-percentile latency
 * @param cpuFraction process CPU use as a fraction of all cores, or -1
 */
public record SamplePoint(long elapsedMillis, int poolSize, long queueDepth, int activeWorkers, long ended,
                          long ran, long intervalNanos, double throughputPerSecond,
                          double p50Micros, double p90Micros, double p99Micros, double cpuFraction) {

    /** The compact part of a snapshot. */
    public static SamplePoint of(MetricsSnapshot s) {
        return new SamplePoint(s.elapsedMillis(), s.poolSize(), s.queueDepth(), s.activeWorkers(),
                s.counts().ended(), s.intervalRan(), s.intervalNanos(), s.throughputPerSecond(),
                Percentiles.micros(s.latency().p50()), Percentiles.micros(s.latency().p90()),
                Percentiles.micros(s.latency().p99()), s.processCpuFraction());
    }

    /**
     * One point standing for {@code earlier} and the point right after it,
     * {@code later}: the instant, gauges, totals and percentiles of {@code later}
     * (percentiles cannot be merged exactly), {@code ran} and the interval summed,
     * throughput and CPU share over the summed interval.
     */
    public static SamplePoint merge(SamplePoint earlier, SamplePoint later) {
        long ran = earlier.ran + later.ran;
        long interval = earlier.intervalNanos + later.intervalNanos;
        double cpu = later.cpuFraction;
        if (earlier.cpuFraction >= 0 && later.cpuFraction >= 0 && interval > 0) {
            cpu = (earlier.cpuFraction * earlier.intervalNanos + later.cpuFraction * later.intervalNanos) / interval;
        }
        return new SamplePoint(later.elapsedMillis, later.poolSize, later.queueDepth, later.activeWorkers,
                later.ended, ran, interval, Counts.throughput(ran, interval),
                later.p50Micros, later.p90Micros, later.p99Micros, cpu);
    }

    /** The interval's length in milliseconds. */
    public double intervalMillis() {
        return intervalNanos / 1e6;
    }
}

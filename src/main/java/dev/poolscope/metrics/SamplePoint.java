package dev.poolscope.metrics;

/**
 * The compact part of one snapshot that a run keeps for its whole length
 * (the series of a report, of charts that compare runs, and of CSV export).
 *
 * @param elapsedMillis time since sampling began
 * @param poolSize worker count the pool was set to
 * @param queueDepth tasks waiting
 * @param activeWorkers workers running a task
 * @param completed tasks ended so far (all outcomes)
 * @param throughputPerSecond tasks ended per second over the interval
 * @param p50Micros interval median latency
 * @param p90Micros interval 90th-percentile latency
 * @param p99Micros interval 99th-percentile latency
 * @param cpuFraction process CPU use as a fraction of all cores, or -1
 */
public record SamplePoint(long elapsedMillis, int poolSize, long queueDepth, int activeWorkers, long completed,
                          double throughputPerSecond, double p50Micros, double p90Micros, double p99Micros,
                          double cpuFraction) {

    /** The compact part of a snapshot. */
    public static SamplePoint of(MetricsSnapshot s) {
        return new SamplePoint(s.elapsedMillis(), s.poolSize(), s.queueDepth(), s.activeWorkers(),
                s.counts().ended(), s.throughputPerSecond(), Percentiles.micros(s.latency().p50()),
                Percentiles.micros(s.latency().p90()), Percentiles.micros(s.latency().p99()),
                s.processCpuFraction());
    }
}

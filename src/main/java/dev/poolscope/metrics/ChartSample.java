package dev.poolscope.metrics;

/**
 * What a live chart takes from one snapshot: kept for a snapshot that a
 * coalescing hand-off replaced by a later one (a few dozen bytes, where a
 * snapshot carries histograms, workers and spans), so the chart still gets
 * every sample. See {@link SnapshotListener}.
 *
 * @param sequence the snapshot's sequence number
 * @param elapsedNanos time since sampling began
 * @param queueDepth tasks waiting
 * @param ran tasks that ran to an end so far (see {@link Counts#ran()})
 * @param latency the interval's latency percentiles
 * @param activeWorkers busy workers
 * @param poolSize the worker count the pool was set to
 */
public record ChartSample(long sequence, long elapsedNanos, long queueDepth, long ran, Percentiles latency,
                          int activeWorkers, int poolSize) {
    /** The series' part of a snapshot. */
    public static ChartSample of(MetricsSnapshot s) {
        return new ChartSample(s.sequence(), s.elapsedNanos(), s.queueDepth(), s.counts().ran(), s.latency(),
                s.activeWorkers(), s.poolSize());
    }
}

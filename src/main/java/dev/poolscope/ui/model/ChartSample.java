package dev.poolscope.ui.model;

import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Percentiles;

/**
 * What the live series take from one snapshot, kept for a snapshot that was
 * replaced by a later one before the FX thread got to it (a few dozen bytes,
 * where a snapshot carries histograms, workers and spans).
 *
 * @param sequence the snapshot's sequence number
 * @param elapsedNanos time since sampling began
 * @param queueDepth tasks waiting
 * @param ran tasks that ran to an end so far (see {@link dev.poolscope.metrics.Counts#ran()})
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

package dev.poolscope.metrics;

import java.util.List;

/**
 * An immutable view of a pool's metrics at one instant, made by a
 * {@link MetricsSampler}. Interval figures cover the time since the previous
 * snapshot; cumulative ones cover the time since sampling began. All durations
 * are nanoseconds.
 *
 * @param sequence 0 for the first snapshot, then 1, 2, ...
 * @param elapsedNanos time since sampling began
 * @param intervalNanos length of the interval this snapshot covers
 * @param poolSize the worker count the pool is set to
 * @param liveWorkers workers that exist now
 * @param activeWorkers workers running a task now
 * @param queueDepth tasks accepted but not started
 * @param counts totals; they add up
 * @param intervalEnded tasks that ended during the interval, in any outcome (see {@link Counts})
 * @param intervalRan tasks that ran to an end during the interval (see {@link Counts#ran()})
 * @param throughputPerSecond {@code intervalRan} per second of the interval ({@link Counts#throughput(long, long)})
 * @param latency end - submit, over the interval
 * @param waitTime start - submit, over the interval
 * @param service end - start, over the interval
 * @param totalLatency latency since the start
 * @param totalWait wait since the start
 * @param totalService service since the start
 * @param latencyHistogram distribution of latency since the start
 * @param processCpuFraction CPU used by this JVM during the interval, as a fraction of all cores (0..1), or -1
 * @param workers one entry per live (and recently retired) worker
 * @param spans each worker's recent task spans, oldest first
 * @param stall the pool's stall at this instant (workers waiting on their own pool's queued tasks), or null
 * @param cancelsAndRejects the pool's last rejected or cancelled tasks by number (at most 64), oldest first;
 *        with the spans they say where each recent task went (a task that ran has a span, one that did not
 *        is here)
 */
public record MetricsSnapshot(long sequence, long elapsedNanos, long intervalNanos,
                              int poolSize, int liveWorkers, int activeWorkers, long queueDepth,
                              Counts counts, long intervalEnded, long intervalRan, double throughputPerSecond,
                              Percentiles latency, Percentiles waitTime, Percentiles service,
                              Percentiles totalLatency, Percentiles totalWait, Percentiles totalService,
                              HistogramBuckets latencyHistogram, double processCpuFraction,
                              List<WorkerSnapshot> workers, List<TaskSpan> spans, StallStatus stall,
                              List<CancelOrReject> cancelsAndRejects) {

    public MetricsSnapshot {
        workers = List.copyOf(workers);
        spans = List.copyOf(spans);
        cancelsAndRejects = cancelsAndRejects == null ? List.of() : List.copyOf(cancelsAndRejects);
    }

    /** A snapshot of a pool that is not stalled and names no rejected or cancelled task. */
    public MetricsSnapshot(long sequence, long elapsedNanos, long intervalNanos,
                           int poolSize, int liveWorkers, int activeWorkers, long queueDepth,
                           Counts counts, long intervalEnded, long intervalRan, double throughputPerSecond,
                           Percentiles latency, Percentiles waitTime, Percentiles service,
                           Percentiles totalLatency, Percentiles totalWait, Percentiles totalService,
                           HistogramBuckets latencyHistogram, double processCpuFraction,
                           List<WorkerSnapshot> workers, List<TaskSpan> spans) {
        this(sequence, elapsedNanos, intervalNanos, poolSize, liveWorkers, activeWorkers, queueDepth, counts, intervalEnded,
                intervalRan, throughputPerSecond, latency, waitTime, service, totalLatency, totalWait, totalService,
                latencyHistogram, processCpuFraction, workers, spans, null, List.of());
    }

    /** Elapsed time in milliseconds. */
    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }

    /** This snapshot with other spans (for example fewer, to bound what is sent elsewhere). */
    public MetricsSnapshot withSpans(List<TaskSpan> spans) {
        return new MetricsSnapshot(sequence, elapsedNanos, intervalNanos, poolSize, liveWorkers, activeWorkers,
                queueDepth, counts, intervalEnded, intervalRan, throughputPerSecond, latency, waitTime, service,
                totalLatency, totalWait, totalService, latencyHistogram, processCpuFraction, workers, spans, stall,
                cancelsAndRejects);
    }
}

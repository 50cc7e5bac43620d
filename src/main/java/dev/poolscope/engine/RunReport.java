package dev.poolscope.engine;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.pool.WorkerDetail;

import dev.poolscope.metrics.StallEpisode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run measured, at its end. Durations are nanoseconds.
 *
 * @param spec the run's settings
 * @param state how the run ended
 * @param finalWorkers the worker count at the end (after any resizes)
 * @param counts task totals; they add up and nothing is left queued or running
 * @param wallNanos from the run's start (just before the first submission) to the instant its last task ended
 * @param teardownNanos from the last task's end to the pool's termination (worker threads ending, worker
 *        processes exiting): the pool's shutting down, never part of {@code wallNanos}
 * @param throughputPerSecond tasks that ran to an end per second of wall time
 *        ({@link Counts#throughput(long)} over {@code wallNanos})
 * @param latency end - submit over the whole run
 * @param waitTime start - submit over the whole run
 * @param service end - start over the whole run
 * @param cpuNanos CPU time this JVM used during the wall time (up to the instant the run saw its last task end)
 * @param workerRestarts worker processes replaced during the run
 * @param workerDetails per-worker details (process pools)
 * @param errors failures by type and message
 * @param samples the sampled series (bounded)
 * @param notes what the pool could not do, or other remarks for the user
 * @param topLevelTasks tasks the run itself submitted; {@code counts} also counts the subtasks they submitted
 * @param stalls the episodes in which the pool starved itself, oldest first (times since the run's start)
 * @param latencyByPriority with a workload that has priorities: latency per priority class
 */
public record RunReport(RunSpec spec, RunState state, int finalWorkers, Counts counts, long wallNanos,
                        long teardownNanos, double throughputPerSecond, Percentiles latency, Percentiles waitTime, Percentiles service,
                        long cpuNanos, long workerRestarts, List<WorkerDetail> workerDetails,
                        List<ErrorTable.Entry> errors, List<SamplePoint> samples, List<String> notes,
                        long topLevelTasks, List<StallEpisode> stalls, Map<Integer, Percentiles> latencyByPriority) {

    public RunReport {
        workerDetails = List.copyOf(workerDetails);
        errors = List.copyOf(errors);
        samples = List.copyOf(samples);
        notes = List.copyOf(notes);
        stalls = stalls == null ? List.of() : List.copyOf(stalls);
        latencyByPriority = latencyByPriority == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(latencyByPriority));
    }

    /** A report of a run without subtasks, stalls or priorities. */
    public RunReport(RunSpec spec, RunState state, int finalWorkers, Counts counts, long wallNanos,
                     long teardownNanos, double throughputPerSecond, Percentiles latency, Percentiles waitTime, Percentiles service,
                     long cpuNanos, long workerRestarts, List<WorkerDetail> workerDetails,
                     List<ErrorTable.Entry> errors, List<SamplePoint> samples, List<String> notes) {
        this(spec, state, finalWorkers, counts, wallNanos, teardownNanos, throughputPerSecond, latency, waitTime, service,
                cpuNanos, workerRestarts, workerDetails, errors, samples, notes, counts.submitted(), List.of(), Map.of());
    }

    /** Wall time in seconds. */
    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** Teardown time in seconds. */
    public double teardownSeconds() {
        return teardownNanos / 1e9;
    }

    /** CPU time used as a fraction of all cores over the wall time, 0..1. */
    public double cpuUtilisation() {
        int cores = Runtime.getRuntime().availableProcessors();
        return wallNanos <= 0 ? 0 : Math.min(1.0, cpuNanos / (double) wallNanos / cores);
    }
}

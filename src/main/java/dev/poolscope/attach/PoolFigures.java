package dev.poolscope.attach;

import dev.poolscope.metrics.Percentiles;

import java.util.List;

/**
 * One watched pool's figures over a watch: the latest reading's gauges, counts and latency summaries since the
 * watch began, and the series of samples. A figure the probe cannot see is null, never 0.
 *
 * @param name the pool's name
 * @param kind one of {@link PoolKinds}
 * @param threads worker threads in the latest reading
 * @param active workers running a task in the latest reading
 * @param queueDepth tasks waiting in the latest reading
 * @param completed tasks completed since the watch began
 * @param rejected tasks rejected since the watch began
 * @param throughputPerSecond completed tasks per second over the watch
 * @param queueWait queue wait of the sampled tasks, nanoseconds
 * @param service service time of the tasks, nanoseconds
 * @param cpu CPU time of the sampled tasks, nanoseconds
 * @param coreSize core pool size
 * @param maxSize maximum pool size
 * @param workers the worker threads in the latest thread dump
 * @param note a limit of this pool's figures, or null
 * @param samples the series, oldest first
 * @param stall a suspected starvation deadlock now, or null
 * @param blocked blocked time (wall minus CPU) of the sampled tasks, nanoseconds, or null
 */
public record PoolFigures(String name, String kind, Integer threads, Integer active, Long queueDepth, Long completed,
                          Long rejected, Double throughputPerSecond, Percentiles queueWait, Percentiles service,
                          Percentiles cpu, Integer coreSize, Integer maxSize, List<WorkerThread> workers, String note,
                          List<WatchPoint> samples, PoolStall stall, Percentiles blocked) {
    public PoolFigures {
        workers = List.copyOf(workers);
        samples = List.copyOf(samples);
    }

    /** Figures with no stall and no blocked times. */
    public PoolFigures(String name, String kind, Integer threads, Integer active, Long queueDepth, Long completed,
                       Long rejected, Double throughputPerSecond, Percentiles queueWait, Percentiles service,
                       Percentiles cpu, Integer coreSize, Integer maxSize, List<WorkerThread> workers, String note,
                       List<WatchPoint> samples) {
        this(name, kind, threads, active, queueDepth, completed, rejected, throughputPerSecond, queueWait, service, cpu,
                coreSize, maxSize, workers, note, samples, null, null);
    }
}

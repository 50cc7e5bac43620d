package dev.poolscope.attach;

import java.util.List;

/**
 * One reading of one watched pool. Counts and histograms are cumulative (since the pool began, or since the deep
 * probe was installed); a figure the probe cannot see is null, never 0.
 *
 * @param name the pool's name (see {@link PoolThreads#name()})
 * @param kind one of {@link PoolKinds}
 * @param threads worker threads
 * @param active workers running a task
 * @param queueDepth tasks waiting, or null
 * @param completed tasks completed, or null
 * @param rejected tasks rejected, or null
 * @param service task service (wall) times, or null
 * @param cpu task CPU times (sampled tasks), or null
 * @param queueWait task queue waits (sampled tasks), or null
 * @param workers the worker threads with their states, or an empty list when this reading had no thread dump
 * @param coreSize the core pool size, or null
 * @param maxSize the maximum pool size, or null
 * @param note a limit of this pool's figures, or null
 * @param blocked task blocked times (wall minus CPU, for the tasks whose CPU time was sampled), or null
 */
public record PoolSample(String name, String kind, Integer threads, Integer active, Long queueDepth, Long completed,
                         Long rejected, ProbeHistogram service, ProbeHistogram cpu, ProbeHistogram queueWait,
                         List<WorkerThread> workers, Integer coreSize, Integer maxSize, String note,
                         ProbeHistogram blocked) {
    public PoolSample {
        workers = List.copyOf(workers);
    }

    /** A reading without blocked times. */
    public PoolSample(String name, String kind, Integer threads, Integer active, Long queueDepth, Long completed,
                      Long rejected, ProbeHistogram service, ProbeHistogram cpu, ProbeHistogram queueWait,
                      List<WorkerThread> workers, Integer coreSize, Integer maxSize, String note) {
        this(name, kind, threads, active, queueDepth, completed, rejected, service, cpu, queueWait, workers, coreSize,
                maxSize, note, null);
    }

    /** A reading from a thread dump alone. */
    static PoolSample ofThreads(PoolThreads t) {
        return new PoolSample(t.name(), t.kind(), t.threads().size(), t.busy(), null, null, null, null, null, null,
                t.threads(), null, null, null);
    }
}

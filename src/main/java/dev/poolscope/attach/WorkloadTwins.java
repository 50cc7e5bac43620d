package dev.poolscope.attach;

import dev.poolscope.metrics.Percentiles;
import dev.poolscope.workload.TwinFile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Makes a workload twin ({@link TwinFile}) of a pool watched in deep mode: the distributions of its tasks' CPU
 * times and blocked times (wall minus CPU) as sampled over the watch, and its arrival rate (completed plus
 * rejected tasks per second over the watch, so a steady pool's submissions).
 */
public final class WorkloadTwins {
    /** Fewest tasks with a measured CPU time a twin is made from. */
    public static final int MIN_TASKS = 20;

    private WorkloadTwins() {
    }

    /**
     * The pool a twin is made of: the one whose name or thread names ({@code work-*}) equal {@code wanted}, or when
     * {@code wanted} is null the ThreadPoolExecutor that completed the most tasks.
     */
    public static Optional<PoolFigures> choose(List<PoolFigures> pools, String wanted) {
        if (wanted != null) {
            return pools.stream().filter(p -> p.name().equals(wanted) || wanted.equals(PoolLabels.threadNames(p.workers()))
                    || PoolLabels.shortName(p.name()).equals(wanted)).findFirst();
        }
        return pools.stream().filter(p -> p.completed() != null && p.cpu() != null)
                .max(Comparator.comparingLong(PoolFigures::completed));
    }

    /**
     * The twin of one pool of a deep watch.
     *
     * @throws AttachException saying what is missing (basic mode, too few tasks measured yet)
     */
    public static TwinFile of(Watch watch, PoolFigures pool, long pid) throws AttachException {
        ProbeHistogram[] h = watch.histograms(pool.name());
        if (h == null || h[1] == null || h[2] == null || pool.throughputPerSecond() == null) {
            throw new AttachException("a twin needs deep mode's CPU and blocked times, which pool " + pool.name() + " does not have");
        }
        if (h[1].count() < MIN_TASKS) {
            throw new AttachException("only " + h[1].count() + " tasks of pool " + pool.name()
                    + " had their CPU time measured so far; a twin needs " + MIN_TASKS + ": watch longer");
        }
        long completed = pool.completed() == null ? 0 : pool.completed();
        long rejected = pool.rejected() == null ? 0 : pool.rejected();
        double rate = completed == 0 ? 0 : pool.throughputPerSecond() * (completed + rejected) / completed;
        if (!(rate > 0)) {
            throw new AttachException("pool " + pool.name() + " completed no task during the watch: no arrival rate to replay");
        }
        long[][] cpu = h[1].buckets();
        long[][] blocked = h[2].buckets();
        Percentiles service = pool.service();
        Percentiles wait = pool.queueWait();
        return new TwinFile(pool.name(), pid, pool.threads() == null ? 1 : pool.threads(), rate,
                new TwinFile.Distribution(cpu[0], cpu[1]), new TwinFile.Distribution(blocked[0], blocked[1]),
                service == null || service.count() == 0 ? null : service.p50() / 1000.0,
                service == null || service.count() == 0 ? null : service.p99() / 1000.0,
                wait == null || wait.count() == 0 ? null : wait.p99() / 1000.0);
    }
}

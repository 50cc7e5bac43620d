package dev.poolscope.tuning;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.metrics.WorkerSnapshot;

import java.util.Comparator;
import java.util.List;

/**
 * The figures {@link PoolRules} read, taken either from a finished run's report
 * ({@link #of(RunReport, int)}) or from a live snapshot
 * ({@link #live(MetricsSnapshot, RunSpec, int, double)}), so the advice after a
 * run and the dashboard's live hint apply the same rules. All figures are
 * approximate; a figure that is not known is {@code NaN} and the rules that
 * need it stay silent.
 *
 * @param spec the run's spec (queue capacity, rejection policy, arrival)
 * @param counts task counts so far
 * @param restarts worker processes replaced so far
 * @param topError the most frequent failure as {@code , mostly Type 'message'}, or empty
 * @param workers the pool's worker count
 * @param cores the machine's cores
 * @param coresUsed cores kept busy on average; NaN if not known (the rules on CPU use are skipped)
 * @param cpuShare CPU time as a share of the workers' busy time (near 1 computing, near 0 waiting); NaN if unknown
 * @param queued true if tasks waited for a worker
 * @param meanWaitNanos mean time tasks waited in the queue
 * @param meanServiceNanos mean time tasks ran
 * @param waitP99Nanos p99 of the wait
 * @param serviceP50Nanos median service time
 * @param serviceP99Nanos p99 of the service time
 * @param utilisation busy time / (workers x wall time)
 * @param queueFirst mean sampled queue depth in the run's first third; NaN if not known
 * @param queueLast mean sampled queue depth in the run's last third; NaN if not known
 */
public record PoolFigures(RunSpec spec, Counts counts, long restarts, String topError, int workers, int cores,
                          double coresUsed, double cpuShare, boolean queued, double meanWaitNanos,
                          double meanServiceNanos, long waitP99Nanos, long serviceP50Nanos, long serviceP99Nanos,
                          double utilisation, double queueFirst, double queueLast) {

    /** True if all tasks were submitted at once (so waiting says nothing about the arrival rate). */
    public boolean allAtOnce() {
        return spec.arrival() instanceof Arrival.AllAtOnce;
    }

    /**
     * A finished run's figures. The CPU figures are left unknown for process
     * pools (the report's CPU time is this JVM's, not the workers').
     */
    public static PoolFigures of(RunReport r, int cores) {
        Counts c = r.counts();
        int workers = Math.max(1, r.finalWorkers());
        long ran = c.ran();
        double wall = Math.max(1, r.wallNanos());
        double busy = r.service().mean() * ran;
        boolean processes = !r.workerDetails().isEmpty();
        boolean cpuKnown = !processes && ran > 0 && busy > 0;
        String top = r.errors().stream().max(Comparator.comparingLong(ErrorTable.Entry::count))
                .map(e -> ", mostly " + e.kind() + (e.shared() == null || e.shared().isBlank() ? "" : " '" + e.shared() + "'"))
                .orElse("");
        double first = Double.NaN;
        double last = Double.NaN;
        List<SamplePoint> s = r.samples();
        if (s.size() >= 6) {
            int third = s.size() / 3;
            first = s.subList(0, third).stream().mapToLong(SamplePoint::queueDepth).average().orElse(0);
            last = s.subList(s.size() - third, s.size()).stream().mapToLong(SamplePoint::queueDepth).average().orElse(0);
        }
        return new PoolFigures(r.spec(), c, r.workerRestarts(), top, workers, cores,
                cpuKnown ? r.cpuNanos() / wall : Double.NaN, cpuKnown ? r.cpuNanos() / busy : Double.NaN,
                r.waitTime().mean() > r.service().mean(), r.waitTime().mean(), r.service().mean(),
                r.waitTime().p99(), r.service().p50(), r.service().p99(), busy / (workers * wall), first, last);
    }

    /**
     * A running pool's figures from its latest snapshot.
     *
     * @param coresUsed cores kept busy now (this JVM and any worker processes); NaN if not known
     */
    public static PoolFigures live(MetricsSnapshot s, RunSpec spec, int cores, double coresUsed) {
        int active = s.activeWorkers();
        double share = Double.isNaN(coresUsed) || active == 0 ? Double.NaN : coresUsed / Math.min(active, cores);
        long restarts = 0;
        for (WorkerSnapshot w : s.workers()) {
            restarts += w.restarts();
        }
        int workers = Math.max(1, s.poolSize());
        double busy = s.totalService().mean() * s.counts().ran();
        double utilisation = s.elapsedNanos() > 0 ? busy / (workers * (double) s.elapsedNanos()) : 0;
        return new PoolFigures(spec, s.counts(), restarts, "", s.poolSize(), cores, coresUsed, share,
                s.queueDepth() > 0, s.totalWait().mean(), s.totalService().mean(), s.totalWait().p99(),
                s.totalService().p50(), s.totalService().p99(), utilisation, Double.NaN, Double.NaN);
    }
}

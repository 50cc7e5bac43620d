package dev.poolscope.tuning;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.StallEpisode;
import dev.poolscope.metrics.StallStatus;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.workload.NestedWorkload;
import dev.poolscope.workload.WorkloadCatalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Advice for a pool that starved itself (its workers waited for tasks of the
 * same pool): the fixes in the run's own terms. Pure computation over the report.
 *
 * <p>Workers a nesting needs: each tree of a {@code nested} run holds one
 * worker per inner task while it waits, and one more worker must be free to
 * run leaves, so {@code k} trees at once need {@code k x inner + 1} workers;
 * with every task arriving at once {@code k} is the top-level task count
 * (bounded by the tasks in flight).
 */
final class StallAdvice {
    private StallAdvice() {
    }

    static void add(RunReport r, List<Suggestion> out) {
        List<StallEpisode> deadlocks = r.stalls().stream().filter(e -> e.kind().equals(StallStatus.STARVATION_DEADLOCK)).toList();
        long collapses = r.stalls().stream().filter(e -> e.kind().equals(StallStatus.THROUGHPUT_COLLAPSE)).count();
        if (deadlocks.isEmpty() && collapses == 0) {
            return;
        }
        Set<String> workers = new LinkedHashSet<>();
        deadlocks.forEach(e -> workers.addAll(e.workers()));
        long failed = r.stalls().stream().mapToLong(StallEpisode::failedTasks).sum();
        String pool = r.spec().pool();
        String enough = enoughWorkers(r);
        String fixes = "use --pool forkjoin, where a worker that waits for a subtask joins it (runs it or helps) instead of blocking;"
                + " give the subtasks their own pool" + (isNested(r) ? " (nested: separate=1)" : "")
                + "; " + enough + "; and never block a worker on a task of its own pool (chain the work with"
                + " CompletableFuture, or submit the waiting part as a task of its own).";
        if (!deadlocks.isEmpty()) {
            out.add(new Suggestion("starvation deadlock", "stall episodes", deadlocks.size() + (failed > 0 ? ", " + failed + " waiting tasks failed" : ""),
                    "pool '" + pool + "' starved itself: every worker (" + String.join(", ", workers) + ") waited for subtasks"
                            + " queued behind it in the same pool, so nothing could run. To fix it: " + fixes));
        } else {
            out.add(new Suggestion("throughput collapse", "collapse episodes", Long.toString(collapses),
                    "most workers of pool '" + pool + "' waited for tasks queued in their own pool, so throughput collapsed;"
                            + " " + fixes));
        }
    }

    private static boolean isNested(RunReport r) {
        return r.spec().workload().name().equals("nested");
    }

    private static String enoughWorkers(RunReport r) {
        if (!isNested(r)) {
            return "or run more workers than tasks that wait at once (all " + r.spec().workers() + " waited here)";
        }
        var p = WorkloadCatalog.standard().resolve(r.spec().workload());
        int depth = (int) p.getLong("depth");
        int fanout = (int) p.getLong("fanout");
        long inner = NestedWorkload.innerTasks(depth, fanout);
        long trees = r.topLevelTasks();
        if (r.spec().queueCapacity() == PoolConfig.UNBOUNDED) {
            trees = Math.min(trees, r.spec().maxInFlight());
        }
        boolean allAtOnce = r.spec().arrival() instanceof Arrival.AllAtOnce;
        long need = inner * (allAtOnce ? trees : 1) + 1;
        return "or give it at least " + need + " workers for this nesting (each tree of depth " + depth + " and fanout " + fanout
                + " holds " + inner + " waiting workers" + (allAtOnce ? ", and all " + trees + " trees arrive at once" : " while it runs")
                + ", plus one to run leaves)";
    }
}

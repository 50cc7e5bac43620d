package dev.poolscope.tuning;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.SamplePoint;
import dev.poolscope.pool.PoolConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Short suggestions from one run's own figures: failures, rejections, CPU use
 * against cores, waiting against service time, worker utilisation, queue growth
 * and skew. Each suggestion names the figure it rests on. The CPU rules are
 * {@link PoolRules}, which the dashboard's live hint uses too.
 *
 * <h2>Figures (all approximate)</h2>
 * <ul>
 * <li><em>busy time</em>: mean service time x tasks that ran; <em>worker utilisation</em>:
 *     busy time / (workers x wall time).</li>
 * <li><em>CPU share of busy time</em>: the JVM's CPU time / busy time. Near 100% means the
 *     tasks compute; far below means they mostly wait (I/O, sleeps, locks). The JVM's
 *     CPU time includes the engine's own threads, and for process pools excludes the
 *     workers' JVMs, so the CPU rules are skipped there.</li>
 * <li><em>cores used</em>: CPU time / wall time; at 85% of the cores or more the CPU is
 *     saturated. (With more workers than cores the busy time stretches, so the CPU share
 *     is only read when the CPU is not saturated.)</li>
 * </ul>
 * Pure computation over the report.
 */
public final class Advice {
    private Advice() {
    }

    /** Advice for a run on this machine. */
    public static List<Suggestion> of(RunReport r) {
        return of(r, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Advice for a run on a machine with {@code cores} cores, most important
     * first; never empty (when nothing stands out it says so, with its figure).
     */
    public static List<Suggestion> of(RunReport r, int cores) {
        List<Suggestion> out = new ArrayList<>();
        Counts c = r.counts();
        int workers = Math.max(1, r.finalWorkers());
        long ran = c.ran();
        double wall = Math.max(1, r.wallNanos());
        double busy = r.service().mean() * ran;
        double utilisation = busy / (workers * wall);
        boolean processes = !r.workerDetails().isEmpty();
        double cpuShare = busy > 0 ? r.cpuNanos() / busy : 0;
        double coresUsed = r.cpuNanos() / wall;

        StallAdvice.add(r, out);
        if (c.failed() > 0) {
            String top = r.errors().stream().max(Comparator.comparingLong(ErrorTable.Entry::count))
                    .map(e -> ", mostly " + e.kind() + (e.shared() == null || e.shared().isBlank() ? "" : " '" + e.shared() + "'"))
                    .orElse("");
            out.add(new Suggestion("failures", "failed tasks", c.failed() + " of " + c.submitted(),
                    percent(c.failed() / (double) Math.max(1, c.submitted())) + " of tasks failed" + top
                            + "; fix or retry those before tuning, since failed tasks end early and flatter throughput."));
        }
        if (r.workerRestarts() > 0) {
            out.add(new Suggestion("worker restarts", "worker restarts", Long.toString(r.workerRestarts()),
                    r.workerRestarts() + " worker processes died and were replaced; each restart costs a JVM start, "
                            + "so find the tasks that bring workers down."));
        }
        if (c.rejected() > 0) {
            String cap = r.spec().queueCapacity() == PoolConfig.UNBOUNDED ? "unbounded" : Integer.toString(r.spec().queueCapacity());
            out.add(new Suggestion("rejections", "rejected tasks", c.rejected() + " of " + c.submitted(),
                    c.rejected() + " tasks were turned away by a full queue (capacity " + cap + ", policy "
                            + r.spec().rejection().cliName() + "): raise the capacity, add workers, or use 'block' or "
                            + "'caller-runs' to slow the producer down instead of losing work."));
        }
        if (c.timedOut() > 0) {
            out.add(new Suggestion("timeouts", "timed-out tasks", Long.toString(c.timedOut()),
                    c.timedOut() + " tasks ran past the task timeout; raise it or look at why those tasks are slow."));
        }

        if (!processes && ran > 0 && busy > 0) {
            boolean queued = r.waitTime().mean() > r.service().mean();
            PoolRules.cpu(new PoolRules.Figures(workers, cores, coresUsed, cpuShare, queued))
                    .filter(x -> !x.topic().equals("CPU saturated")) // right-sized: nothing to change
                    .ifPresent(out::add);
        }

        if (r.waitTime().mean() > 0 && r.service().mean() > 0 && !(r.spec().arrival() instanceof Arrival.AllAtOnce)) {
            double ratio = r.waitTime().mean() / r.service().mean();
            if (ratio > 1) {
                out.add(new Suggestion("queueing", "mean wait vs mean service", millis(r.waitTime().mean()) + " vs " + millis(r.service().mean()),
                        String.format(Locale.ROOT, "Tasks waited %.1fx as long as they ran: the workers cannot keep up "
                                + "with the arrival rate at busy moments.", ratio)));
            }
        }

        queueGrowth(r, workers).ifPresent(out::add);

        if (!(r.spec().arrival() instanceof Arrival.AllAtOnce) && ran > 0 && utilisation < 0.4 && r.waitTime().p99() < r.service().p50()) {
            out.add(new Suggestion("idle workers", "worker utilisation", percent(utilisation),
                    "Workers were busy only " + percent(utilisation) + " of the time and tasks hardly queued: "
                            + Math.max(1, (int) Math.ceil(workers * utilisation / 0.7)) + " workers would do the same work."));
        }

        if (r.service().p50() > 0 && r.service().p99() > 10 * r.service().p50() && ran >= 20) {
            out.add(new Suggestion("skewed tasks", "service p99 / p50", String.format(Locale.ROOT, "%.0fx", r.service().p99() / (double) r.service().p50()),
                    "A few tasks run far longer than most (p99 service " + millis(r.service().p99()) + " against a median of "
                            + millis(r.service().p50()) + "): split big tasks, or use a work-stealing pool (forkjoin) so "
                            + "short tasks are not stuck behind long ones."));
        }

        if (out.isEmpty()) {
            out.add(new Suggestion("nothing stands out", "worker utilisation", percent(Math.min(utilisation, 1)),
                    "Nothing stands out: workers were busy " + percent(Math.min(utilisation, 1))
                            + " of the time and no task failed or was turned away; a sweep over worker counts would show whether another count does better."));
        }
        return List.copyOf(out);
    }

    /** Queue growth: the sampled depth in the run's last third against its first third. */
    private static java.util.Optional<Suggestion> queueGrowth(RunReport r, int workers) {
        List<SamplePoint> s = r.samples();
        if (s.size() < 6 || r.spec().arrival() instanceof Arrival.AllAtOnce) {
            return java.util.Optional.empty();
        }
        int third = s.size() / 3;
        double first = s.subList(0, third).stream().mapToLong(SamplePoint::queueDepth).average().orElse(0);
        double last = s.subList(s.size() - third, s.size()).stream().mapToLong(SamplePoint::queueDepth).average().orElse(0);
        if (last > Math.max(2 * first, workers) && last - first >= 10) {
            double capacity = r.service().mean() > 0 ? workers / (r.service().mean() / 1e9) : 0;
            return java.util.Optional.of(new Suggestion("growing queue", "queue depth, first third vs last third",
                    String.format(Locale.ROOT, "%.0f -> %.0f", first, last),
                    String.format(Locale.ROOT, "The queue kept growing (from about %.0f to %.0f tasks): tasks arrive faster "
                            + "than %d workers serve them (about %,.0f tasks/s at the mean service time); add workers "
                            + "or bound the queue.", first, last, workers, capacity)));
        }
        return java.util.Optional.empty();
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f%%", f * 100);
    }

    private static String millis(double nanos) {
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }
}

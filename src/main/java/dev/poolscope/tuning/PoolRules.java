package dev.poolscope.tuning;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.PoolConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * PoolScope's one set of rules that read a pool's figures and say what they
 * suggest, shared by the advice after a run ({@link Advice}) and the
 * dashboard's live hint. {@link #all(PoolFigures)} applies them in order of
 * importance:
 * <ol>
 * <li>failed tasks, replaced worker processes, rejected tasks, timed-out tasks;</li>
 * <li>CPU use against workers and cores ({@link #cpu(Figures)}): more workers than
 *     cores on a saturated CPU, a saturated CPU at the core count, idle cores with
 *     CPU-bound tasks queued, and queued tasks whose workers mostly wait;</li>
 * <li>queueing (mean wait above mean service under an arrival rate), a growing queue,
 *     idle workers, and skewed service times.</li>
 * </ol>
 * Each suggestion names the figure it rests on. Stateless; figures are approximate.
 */
public final class PoolRules {
    /** The share of the cores above which the CPU counts as saturated. */
    public static final double SATURATED = 0.85;
    /** The topic of the rule that finds the CPU saturated at the core count (right-sized). */
    public static final String CPU_SATURATED = "CPU saturated";

    private PoolRules() {
    }

    /**
     * What the rules read.
     *
     * @param workers the pool's worker count
     * @param cores the machine's cores
     * @param coresUsed cores kept busy on average (CPU time / wall time)
     * @param cpuShare CPU time as a share of the workers' busy time (near 1 computing, near 0 waiting); NaN if unknown
     * @param queued true if tasks waited for a worker (live: queue depth above 0; after a run: mean wait above mean service)
     */
    public record Figures(int workers, int cores, double coresUsed, double cpuShare, boolean queued) {
    }

    /** Every rule that applies to these figures, most important first (empty if none does). */
    public static List<Suggestion> all(PoolFigures f) {
        List<Suggestion> out = new ArrayList<>();
        Counts c = f.counts();
        if (c.failed() > 0) {
            out.add(new Suggestion("failures", "failed tasks", c.failed() + " of " + c.submitted(),
                    percent(c.failed() / (double) Math.max(1, c.submitted())) + " of tasks failed" + f.topError()
                            + "; fix or retry those before tuning, since failed tasks end early and flatter throughput."));
        }
        if (f.restarts() > 0) {
            out.add(new Suggestion("worker restarts", "worker restarts", Long.toString(f.restarts()),
                    f.restarts() + " worker processes died and were replaced; each restart costs a JVM start, "
                            + "so find the tasks that bring workers down."));
        }
        if (c.rejected() > 0) {
            String cap = f.spec().queueCapacity() == PoolConfig.UNBOUNDED ? "unbounded" : Integer.toString(f.spec().queueCapacity());
            out.add(new Suggestion("rejections", "rejected tasks", c.rejected() + " of " + c.submitted(),
                    c.rejected() + " tasks were turned away by a full queue (capacity " + cap + ", policy "
                            + f.spec().rejection().cliName() + "): raise the capacity, add workers, or use 'block' or "
                            + "'caller-runs' to slow the producer down instead of losing work."));
        }
        if (c.timedOut() > 0) {
            out.add(new Suggestion("timeouts", "timed-out tasks", Long.toString(c.timedOut()),
                    c.timedOut() + " tasks ran past the task timeout; raise it or look at why those tasks are slow."));
        }
        cpu(new Figures(f.workers(), f.cores(), f.coresUsed(), f.cpuShare(), f.queued())).ifPresent(out::add);
        if (f.meanWaitNanos() > 0 && f.meanServiceNanos() > 0 && !f.allAtOnce()) {
            double ratio = f.meanWaitNanos() / f.meanServiceNanos();
            if (ratio > 1) {
                out.add(new Suggestion("queueing", "mean wait vs mean service", millis(f.meanWaitNanos()) + " vs " + millis(f.meanServiceNanos()),
                        String.format(Locale.ROOT, "Tasks waited %.1fx as long as they ran: the workers cannot keep up "
                                + "with the arrival rate at busy moments.", ratio)));
            }
        }
        if (!f.allAtOnce() && f.queueLast() > Math.max(2 * f.queueFirst(), f.workers()) && f.queueLast() - f.queueFirst() >= 10) {
            double capacity = f.meanServiceNanos() > 0 ? f.workers() / (f.meanServiceNanos() / 1e9) : 0;
            out.add(new Suggestion("growing queue", "queue depth, first third vs last third",
                    String.format(Locale.ROOT, "%.0f -> %.0f", f.queueFirst(), f.queueLast()),
                    String.format(Locale.ROOT, "The queue kept growing (from about %.0f to %.0f tasks): tasks arrive faster "
                            + "than %d workers serve them (about %,.0f tasks/s at the mean service time); add workers "
                            + "or bound the queue.", f.queueFirst(), f.queueLast(), f.workers(), capacity)));
        }
        if (!f.allAtOnce() && c.ran() > 0 && f.utilisation() < 0.4 && f.waitP99Nanos() < f.serviceP50Nanos()) {
            out.add(new Suggestion("idle workers", "worker utilisation", percent(f.utilisation()),
                    "Workers were busy only " + percent(f.utilisation()) + " of the time and tasks hardly queued: "
                            + Math.max(1, (int) Math.ceil(f.workers() * f.utilisation() / 0.7)) + " workers would do the same work."));
        }
        if (f.serviceP50Nanos() > 0 && f.serviceP99Nanos() > 10 * f.serviceP50Nanos() && c.ran() >= 20) {
            out.add(new Suggestion("skewed tasks", "service p99 / p50", String.format(Locale.ROOT, "%.0fx", f.serviceP99Nanos() / (double) f.serviceP50Nanos()),
                    "A few tasks run far longer than most (p99 service " + millis(f.serviceP99Nanos()) + " against a median of "
                            + millis(f.serviceP50Nanos()) + "): split big tasks, or use a work-stealing pool (forkjoin) so "
                            + "short tasks are not stuck behind long ones."));
        }
        return List.copyOf(out);
    }

    /** What to say when no rule applies, with the worker utilisation it rests on. */
    public static Suggestion nothingStandsOut(PoolFigures f) {
        String busy = percent(Math.min(f.utilisation(), 1));
        return new Suggestion("nothing stands out", "worker utilisation", busy,
                "Nothing stands out: workers were busy " + busy
                        + " of the time and no task failed or was turned away; a sweep over worker counts would show whether another count does better.");
    }

    /** The first of the CPU rules that applies, if any (none if cores used is not known). */
    public static Optional<Suggestion> cpu(Figures f) {
        if (Double.isNaN(f.coresUsed())) {
            return Optional.empty();
        }
        String used = String.format(Locale.ROOT, "%.1f of %d", f.coresUsed(), f.cores());
        boolean saturated = f.coresUsed() >= SATURATED * f.cores();
        if (saturated && f.workers() > f.cores()) {
            return Optional.of(new Suggestion("more workers than cores", "cores used; workers vs cores",
                    used + "; " + f.workers() + " vs " + f.cores(),
                    "CPU is saturated: " + f.workers() + " workers share " + f.cores() + " cores (" + used
                            + " busy on average), so extra workers only take turns on a core. Throughput stays flat and "
                            + "each task's service time grows; for CPU-bound tasks try " + f.cores() + "."));
        }
        if (saturated) {
            return Optional.of(new Suggestion(CPU_SATURATED, "cores used", used,
                    "CPU is saturated (" + used + " cores busy): more workers than " + f.cores()
                            + " cores will not add throughput for CPU-bound tasks."));
        }
        if (Double.isNaN(f.cpuShare())) {
            return Optional.empty();
        }
        String share = String.format(Locale.ROOT, "%.0f%%", Math.min(f.cpuShare(), 1) * 100);
        if (f.cpuShare() >= 0.7 && f.workers() < f.cores() && f.queued()) {
            return Optional.of(new Suggestion("idle cores", "cores used; CPU share of busy time", used + "; " + share,
                    "The tasks are CPU-bound (CPU time was " + share + " of the workers' busy time) but " + f.workers()
                            + (f.workers() == 1 ? " worker" : " workers") + " kept only " + used
                            + " cores busy while tasks queued; up to " + f.cores() + " workers would raise throughput."));
        }
        if (f.cpuShare() < 0.3 && f.queued()) {
            int suggested = (int) Math.min(Math.max(f.workers() * 2L, Math.ceil(f.cores() / Math.max(f.cpuShare(), 0.01))), 10_000);
            return Optional.of(new Suggestion("I/O-bound and queued", "CPU share of busy time", share,
                    "Workers spend most of their busy time waiting, not computing (CPU only " + share
                            + " of it), while tasks queue: more workers would overlap the waits; about " + suggested
                            + " would keep the cores busy, and virtual threads make that many cheap. "
                            + "(Or other programs hold the cores.)"));
        }
        return Optional.empty();
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

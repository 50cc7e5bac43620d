package dev.poolscope.tuning;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules that read a pool's CPU use against its workers and the machine's
 * cores, shared by the advice after a run ({@link Advice}) and the dashboard's
 * live hint: more workers than cores on a saturated CPU, a saturated CPU at the
 * core count, idle cores with CPU-bound tasks queued, and queued tasks whose
 * workers mostly wait. Stateless; figures are approximate.
 */
public final class PoolRules {
    /** The share of the cores above which the CPU counts as saturated. */
    public static final double SATURATED = 0.85;

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

    /** The first rule that applies, if any. */
    public static Optional<Suggestion> cpu(Figures f) {
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
            return Optional.of(new Suggestion("CPU saturated", "cores used", used,
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
}

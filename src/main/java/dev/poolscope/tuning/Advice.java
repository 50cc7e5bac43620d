package dev.poolscope.tuning;

import dev.poolscope.engine.RunReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Short suggestions from one run's own figures: failures, rejections, CPU use
 * against cores, waiting against service time, worker utilisation, queue growth
 * and skew. Each suggestion names the figure it rests on. The rules are
 * {@link PoolRules}, which the dashboard's live hint applies too; this class
 * reads a finished run's {@link PoolFigures}.
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
     * A saturated CPU at the core count is left out: the pool is right-sized.
     */
    public static List<Suggestion> of(RunReport r, int cores) {
        List<Suggestion> out = new ArrayList<>();
        StallAdvice.add(r, out);
        PoolRules.all(PoolFigures.of(r, cores)).stream()
                .filter(x -> !x.topic().equals(PoolRules.CPU_SATURATED))
                .forEach(out::add);
        return out.isEmpty() ? List.of(PoolRules.nothingStandsOut(PoolFigures.of(r, cores))) : List.copyOf(out);
    }
}

package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.workload.WorkloadCatalog;

/**
 * Whether a lesson's preset can run in this build: it is valid, or it needs a
 * pool kind or workload this build does not have (for example the {@code process}
 * kind), or it is wrong.
 *
 * @param preset the preset
 * @param status the verdict
 * @param spec the run, when {@link Status#READY}
 * @param message why not, for users; empty when ready
 */
public record PresetCheck(LessonPreset preset, Status status, RunSpec spec, String message) {

    /** A preset's verdict. */
    public enum Status {
        /** Valid; it can run. */
        READY,
        /** It names a pool kind or workload this build does not register. */
        UNAVAILABLE,
        /** It is wrong (a bad value). */
        INVALID
    }

    /** Checks a preset against the registries, sized for this machine. */
    public static PresetCheck of(LessonPreset p, PoolRegistry pools, WorkloadCatalog workloads) {
        return of(p, pools, workloads, Runtime.getRuntime().availableProcessors());
    }

    /** Checks a preset against the registries, sized for a machine with {@code cores} cores. */
    public static PresetCheck of(LessonPreset p, PoolRegistry pools, WorkloadCatalog workloads, int cores) {
        if (p.pool() != null && pools.find(p.pool()).isEmpty()) {
            return new PresetCheck(p, Status.UNAVAILABLE, null, "needs the '" + p.pool()
                    + "' pool kind, which this build does not have (kinds here: " + String.join(", ", pools.names()) + ")");
        }
        String workloadName = p.workload() == null ? "" : p.workload().split(":", 2)[0].trim();
        if (!workloadName.isEmpty() && workloads.find(workloadName).isEmpty()) {
            return new PresetCheck(p, Status.UNAVAILABLE, null, "needs the '" + workloadName
                    + "' workload, which this build does not have");
        }
        try {
            RunSpec s = p.toRunSpec(cores);
            s.validate(pools, workloads);
            return new PresetCheck(p, Status.READY, s, "");
        } catch (InvalidSpecException e) {
            return new PresetCheck(p, Status.INVALID, null, e.getMessage());
        }
    }

    /** True if it can run. */
    public boolean ready() {
        return status == Status.READY;
    }
}

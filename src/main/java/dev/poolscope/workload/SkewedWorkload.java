package dev.poolscope.workload;

import java.util.List;

/**
 * {@code skewed}: heavy-tailed task durations (Pareto), so a few tasks are very
 * long; the work is CPU ({@code sleep=0}) or a wait ({@code sleep=1}).
 */
public final class SkewedWorkload implements Workload {
    @Override public String name() { return "skewed"; }
    @Override public String description() { return "heavy-tailed durations (Pareto): most tasks short, a few very long"; }
    @Override public int order() { return 40; }
    @Override public boolean knowsSizes() { return true; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("millis", "shortest (scale) duration in milliseconds", 1, 0.001, 60_000),
                ParamSpec.decimal("alpha", "tail index; smaller means a heavier tail", 1.5, 0.5, 10),
                ParamSpec.decimal("max", "cap on one task's duration in milliseconds", 1000, 0.001, 600_000),
                ParamSpec.integer("sleep", "1 to wait instead of using the CPU", 0, 0, 1));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double scale = p.get("millis");
        double alpha = p.get("alpha");
        double max = p.get("max");
        boolean sleep = p.getLong("sleep") == 1;
        return TaskSource.sized(i -> () -> {
            double u = Work.unit(seed, i, 2);
            double millis = Math.min(max, scale / Math.pow(1 - u, 1 / alpha));
            long nanos = (long) (millis * 1e6);
            if (sleep) {
                Work.sleepNanos(nanos);
                return nanos;
            }
            return Work.spinFor(nanos);
        }, i -> (long) (durationMillis(seed, i, scale, alpha, max) * 1e6));
    }

    /** The duration in milliseconds task {@code i} will take (for tests and lessons). */
    public static double durationMillis(long seed, long i, double scale, double alpha, double max) {
        return Math.min(max, scale / Math.pow(1 - Work.unit(seed, i, 2), 1 / alpha));
    }
}

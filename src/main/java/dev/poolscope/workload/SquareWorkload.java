package dev.poolscope.workload;

import java.util.List;

/** {@code square}: the tutorial's {@code process_item}: sleep 0.1 s, return x*x with x the task index. */
public final class SquareWorkload implements Workload {
    @Override public String name() { return "square"; }
    @Override public String description() { return "the tutorial's process_item: sleep 'millis' (100), return x*x for x = task index"; }
    @Override public int order() { return 70; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("millis", "sleep per task in milliseconds", 100, 0, 600_000));
    }

    /** The tutorial's function itself. */
    public static long square(long x, double millis) throws InterruptedException {
        Work.sleepNanos((long) (millis * 1e6));
        return x * x;
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double millis = p.get("millis");
        return i -> () -> square(i, millis);
    }
}

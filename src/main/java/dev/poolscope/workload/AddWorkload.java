package dev.poolscope.workload;

import java.util.List;

/** {@code add}: the tutorial's two-argument {@code process_items}: sleep 0.1 s, return a+b with (a, b) = (i, i+1). */
public final class AddWorkload implements Workload {
    @Override public String name() { return "add"; }
    @Override public String description() { return "the tutorial's process_items(a, b): sleep 'millis' (100), return a+b for (i, i+1)"; }
    @Override public int order() { return 80; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("millis", "sleep per task in milliseconds", 100, 0, 600_000));
    }

    /** The tutorial's function itself. */
    public static long add(long a, long b, double millis) throws InterruptedException {
        Work.sleepNanos((long) (millis * 1e6));
        return a + b;
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double millis = p.get("millis");
        return i -> () -> add(i, i + 1, millis);
    }
}

package dev.poolscope.workload;

import java.util.List;

/** {@code io}: a blocking wait standing for I/O, optionally with jitter. */
public final class IoWorkload implements Workload {
    @Override public String name() { return "io"; }
    @Override public String description() { return "I/O-bound: block for 'millis' milliseconds (sleep), +/- jitter"; }
    @Override public int order() { return 20; }
    @Override public boolean knowsSizes() { return true; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("millis", "wait per task in milliseconds", 20, 0, 600_000),
                ParamSpec.decimal("jitter", "relative random spread of the wait, 0..1", 0, 0, 1));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double millis = p.get("millis");
        double jitter = p.get("jitter");
        return TaskSource.sized(i -> () -> {
            double f = 1 + jitter * (2 * Work.unit(seed, i, 1) - 1);
            Work.sleepNanos((long) (millis * f * 1e6));
            return i;
        }, i -> (long) (millis * (1 + jitter * (2 * Work.unit(seed, i, 1) - 1)) * 1e6));
    }
}

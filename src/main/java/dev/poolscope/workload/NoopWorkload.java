package dev.poolscope.workload;

import java.util.List;

/** {@code noop}: returns at once; measures the pool's own overhead. */
public final class NoopWorkload implements Workload {
    @Override public String name() { return "noop"; }
    @Override public String description() { return "returns at once: measures the pool's own cost per task"; }
    @Override public int order() { return 90; }
    @Override public List<ParamSpec> params() { return List.of(); }

    @Override
    public TaskSource bind(Params p, long seed) {
        return i -> () -> i;
    }
}

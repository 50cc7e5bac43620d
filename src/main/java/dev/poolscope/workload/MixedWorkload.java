package dev.poolscope.workload;

import java.util.List;

/** {@code mixed}: CPU work then a blocking wait, in a chosen ratio. */
public final class MixedWorkload implements Workload {
    @Override public String name() { return "mixed"; }
    @Override public String description() { return "CPU then wait: 'millis' per task, of which 'cpu-ratio' is CPU work"; }
    @Override public int order() { return 30; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("millis", "total time per task in milliseconds", 20, 0, 600_000),
                ParamSpec.decimal("cpu-ratio", "fraction of the time spent on CPU work, 0..1", 0.5, 0, 1));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        long total = (long) (p.get("millis") * 1e6);
        long cpu = (long) (total * p.get("cpu-ratio"));
        return i -> () -> {
            long h = Work.spinFor(cpu);
            Work.sleepNanos(total - cpu);
            return h;
        };
    }
}

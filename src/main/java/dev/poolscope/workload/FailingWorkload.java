package dev.poolscope.workload;

import java.util.List;

/** {@code failing}: does a little CPU work, then throws with probability {@code p}. */
public final class FailingWorkload implements Workload {
    @Override public String name() { return "failing"; }
    @Override public String description() { return "throws WorkloadFailure with probability 'p' after 'millis' of CPU work"; }
    @Override public int order() { return 60; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task throws, 0..1", 0.1, 0, 1),
                ParamSpec.decimal("millis", "CPU work before deciding, in milliseconds", 1, 0, 600_000));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        long nanos = (long) (p.get("millis") * 1e6);
        String message = "injected failure (p=" + ParamSpec.format(prob) + ")";
        return i -> () -> {
            long h = Work.spinFor(nanos);
            if (Work.unit(seed, i, 3) < prob) {
                throw new WorkloadFailure(message);
            }
            return h;
        };
    }
}

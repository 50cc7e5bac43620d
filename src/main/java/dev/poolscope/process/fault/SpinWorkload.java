package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.Workload;

import java.util.List;

/**
 * {@code spin}: with probability {@code p}, a busy loop that never checks for
 * interruption and never ends (100% of a core until its worker is killed);
 * otherwise returns at once.
 */
public final class SpinWorkload implements Workload {
    @Override public String name() { return "spin"; }
    @Override public String description() { return "busy loop that ignores interrupts and never ends, with probability 'p'"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 203; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task spins forever, 0..1", 1, 0, 1));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        return i -> () -> {
            WorkerOnly.check("spin");
            if (Work.unit(seed, i, 14) < prob) {
                long h = i;
                while (h != 42 || i >= 0) { // never false for i >= 0
                    h = Work.mix(h);
                }
                return h;
            }
            return i;
        };
    }
}

package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.Workload;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code hang}: with probability {@code p}, blocks forever and ignores
 * interruption (only a task timeout, which kills the worker, ends it);
 * otherwise returns at once.
 */
public final class HangWorkload implements Workload {
    @Override public String name() { return "hang"; }
    @Override public String description() { return "never returns (blocked, ignoring interrupts) with probability 'p'"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 202; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task hangs, 0..1", 1, 0, 1));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        return i -> () -> {
            WorkerOnly.check("hang");
            if (Work.unit(seed, i, 13) < prob) {
                while (true) {
                    LockSupport.park(); // returns spuriously or on interrupt: park again
                }
            }
            return i;
        };
    }
}

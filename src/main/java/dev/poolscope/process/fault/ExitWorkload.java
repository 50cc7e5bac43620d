package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.Workload;

import java.util.List;

/**
 * {@code exit}: calls {@link System#exit(int)} with {@code code} with
 * probability {@code p}, as a task that "quits the program" would (the
 * tutorial's {@code SystemExit}). In a worker process this ends only that worker.
 */
public final class ExitWorkload implements Workload {
    @Override public String name() { return "exit"; }
    @Override public String description() { return "calls System.exit in its worker process with probability 'p'"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 201; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task exits its worker, 0..1", 1, 0, 1),
                ParamSpec.integer("code", "exit status passed to System.exit", 2, 0, 255));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        int code = (int) p.getLong("code");
        return i -> () -> {
            WorkerOnly.check("exit");
            if (Work.unit(seed, i, 12) < prob) {
                System.exit(code);
            }
            return i;
        };
    }
}

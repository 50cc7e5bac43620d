package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.Workload;

import java.util.List;

/**
 * {@code crash}: after a little CPU work, halts its worker JVM with exit code
 * {@code code} with probability {@code p} (no shutdown hooks, no reply: the
 * pool sees the process die). Otherwise returns a value.
 */
public final class CrashWorkload implements Workload {
    @Override public String name() { return "crash"; }
    @Override public String description() { return "halts its worker process (Runtime.halt) with probability 'p'"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 200; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task crashes its worker, 0..1", 1, 0, 1),
                ParamSpec.integer("code", "exit code of the crashed worker", 3, 0, 255),
                ParamSpec.decimal("millis", "CPU work before deciding, in milliseconds", 1, 0, 600_000));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        int code = (int) p.getLong("code");
        long nanos = (long) (p.get("millis") * 1e6);
        return i -> () -> {
            WorkerOnly.check("crash");
            long h = Work.spinFor(nanos);
            if (Work.unit(seed, i, 11) < prob) {
                Runtime.getRuntime().halt(code);
            }
            return h;
        };
    }
}

package dev.poolscope.process.fault;

import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.Work;
import dev.poolscope.workload.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code oom}: with probability {@code p}, allocates blocks of {@code kib} KiB
 * and keeps them until the worker's heap runs out; the task ends with the
 * {@link OutOfMemoryError} (workers run with a small heap by default, so this
 * takes well under a second), and the memory is freed with the task.
 */
public final class OomWorkload implements Workload {
    @Override public String name() { return "oom"; }
    @Override public String description() { return "allocates until OutOfMemoryError in its worker, with probability 'p'"; }
    @Override public boolean requiresProcess() { return true; }
    @Override public int order() { return 204; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.decimal("p", "probability that a task exhausts the heap, 0..1", 1, 0, 1),
                ParamSpec.integer("kib", "size of each allocated block in KiB", 1024, 1, 1_048_576));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        double prob = p.get("p");
        int block = (int) Math.min(Integer.MAX_VALUE - 16, p.getLong("kib") * 1024);
        return i -> () -> {
            WorkerOnly.check("oom");
            if (Work.unit(seed, i, 15) < prob) {
                List<byte[]> hog = new ArrayList<>();
                while (true) {
                    byte[] b = new byte[block];
                    b[b.length - 1] = 1;
                    hog.add(b);
                }
            }
            return i;
        };
    }
}

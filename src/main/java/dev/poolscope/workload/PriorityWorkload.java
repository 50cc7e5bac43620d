package dev.poolscope.workload;

import java.util.List;

/**
 * {@code priority}: tasks in {@code classes} priority classes (0 lowest),
 * drawn at random for a seed, each doing {@code millis} of CPU work (or a wait
 * with {@code sleep=1}); the workload for the {@code priority} queue order.
 */
public final class PriorityWorkload implements Workload {
    @Override public String name() { return "priority"; }
    @Override public String description() { return "tasks in 'classes' priority classes (0 lowest), 'millis' each"; }
    @Override public int order() { return 46; }
    @Override public boolean hasPriorities() { return true; }
    @Override public boolean knowsSizes() { return true; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.integer("classes", "number of priority classes", 3, 1, 100),
                ParamSpec.decimal("millis", "work per task in milliseconds", 5, 0, 600_000),
                ParamSpec.integer("sleep", "1 to wait instead of using the CPU", 0, 0, 1));
    }

    /** The priority class of task {@code i}. */
    public static int classOf(long seed, long i, int classes) {
        return (int) Math.min(classes - 1, Math.floor(Work.unit(seed, i, 7) * classes));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        int classes = (int) p.getLong("classes");
        long nanos = (long) (p.get("millis") * 1e6);
        boolean sleep = p.getLong("sleep") == 1;
        TaskSource work = i -> () -> {
            if (sleep) {
                Work.sleepNanos(nanos);
                return i;
            }
            return Work.spinFor(nanos);
        };
        TaskSource ranked = TaskSource.prioritised(work, i -> classOf(seed, i, classes));
        return new TaskSource() {
            @Override public java.util.concurrent.Callable<Object> task(long index) { return ranked.task(index); }
            @Override public int priority(long index) { return ranked.priority(index); }
            @Override public long expectedNanos(long index) { return nanos; }
        };
    }
}

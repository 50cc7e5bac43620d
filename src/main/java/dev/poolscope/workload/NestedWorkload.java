package dev.poolscope.workload;

import dev.poolscope.pool.WorkerPool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code nested}: each task submits {@code fanout} subtasks to the pool it
 * runs on and waits for them ({@code Future.get}), {@code depth} levels deep;
 * each leaf does {@code millis} of CPU work. A tree has
 * {@code 1 + fanout + ... + fanout^depth} tasks, of which the
 * {@code (fanout^depth - 1) / (fanout - 1)} inner ones hold a worker while they wait.
 *
 * <p>On a {@code fixed} pool with fewer workers than the waiting tasks need it
 * starves itself: every worker waits for a subtask queued behind it. On
 * {@code forkjoin} a waiting worker joins the subtask instead (it runs it, or
 * helps), so the run completes. With {@code separate=1} the subtasks of each
 * level go to a pool of their own ({@code separate-workers} threads per level),
 * never to the pool they came from: the bulkhead fix.
 *
 * <p>Deterministic: the tree's shape and the work are fixed by the parameters.
 */
public final class NestedWorkload implements Workload {
    @Override public String name() { return "nested"; }
    @Override public String description() { return "each task submits 'fanout' subtasks to its own pool and waits for them, 'depth' levels deep"; }
    @Override public int order() { return 45; }
    @Override public boolean submitsToOwnPool() { return true; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.integer("depth", "levels of subtasks below each task", 2, 0, 6),
                ParamSpec.integer("fanout", "subtasks each inner task submits and waits for", 2, 1, 16),
                ParamSpec.decimal("millis", "CPU work of each leaf in milliseconds", 5, 0, 60_000),
                ParamSpec.integer("separate", "1 to run each level's subtasks on a pool of their own", 0, 0, 1),
                ParamSpec.integer("separate-workers", "with separate=1: threads of each level's pool", 4, 1, 256));
    }

    /** Inner (waiting) tasks of one tree. */
    public static long innerTasks(int depth, int fanout) {
        long n = 0;
        long level = 1;
        for (int d = 0; d < depth; d++) {
            n += level;
            level *= fanout;
        }
        return n;
    }

    /** All tasks of one tree, the top-level task included. */
    public static long treeTasks(int depth, int fanout) {
        return innerTasks(depth + 1, fanout);
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        int depth = (int) p.getLong("depth");
        int fanout = (int) p.getLong("fanout");
        long nanos = (long) (p.get("millis") * 1e6);
        ExecutorService[] levels = p.getLong("separate") == 1 ? levelPools(depth, (int) p.getLong("separate-workers")) : null;
        return i -> () -> node(0, depth, fanout, nanos, levels);
    }

    private static Object node(int level, int depth, int fanout, long nanos, ExecutorService[] levels) throws Exception {
        if (level == depth) {
            return Work.spinFor(nanos);
        }
        ExecutorService pool = levels != null ? levels[level] : WorkerPool.current().orElseThrow(() ->
                new IllegalStateException("workload 'nested' must run on a worker of a pool in this JVM"));
        List<Future<Object>> subtasks = new ArrayList<>(fanout);
        long sum = 0;
        try {
            for (int k = 0; k < fanout; k++) {
                Callable<Object> child = () -> node(level + 1, depth, fanout, nanos, levels);
                subtasks.add(pool.submit(child));
            }
            for (Future<Object> f : subtasks) {
                sum += ((Number) f.get()).longValue();
            }
            return sum;
        } catch (Exception | Error e) {
            subtasks.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    /** One small pool per level; idle threads end after a few seconds, so nothing is left behind. */
    private static ExecutorService[] levelPools(int depth, int workers) {
        ExecutorService[] pools = new ExecutorService[depth];
        for (int d = 0; d < depth; d++) {
            AtomicInteger n = new AtomicInteger();
            int level = d + 1;
            ThreadPoolExecutor e = new ThreadPoolExecutor(workers, workers, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "poolscope-nested-level" + level + "-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            e.allowCoreThreadTimeOut(true);
            pools[d] = e;
        }
        return pools;
    }
}

package dev.poolscope.workload;

import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskTraits;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task number {@code index} of a workload, described by name so that it can
 * run in this JVM or be sent to a worker process as a few fields (process
 * pools send {@link #workload()}, {@link #params()}, {@link #seed()} and
 * {@link #index()} and rebuild the task there with {@link #resolve}).
 *
 * <p>In this JVM the bound {@link TaskSource} travels along (transient), so
 * calling the task costs no look-up.
 */
public final class WorkloadTask implements TaskCallable<Object>, TaskTraits {
    private static final long serialVersionUID = 1L;
    private static final Map<String, TaskSource> SOURCES = new ConcurrentHashMap<>();

    private final String workload;
    private final Map<String, String> params;
    private final long seed;
    private final long index;
    private transient TaskSource source;

    /** A task with its bound source (for this JVM). */
    public WorkloadTask(WorkloadSpec spec, long seed, long index, TaskSource source) {
        this.workload = spec.name();
        this.params = Map.copyOf(spec.params());
        this.seed = seed;
        this.index = index;
        this.source = source;
    }

    /** The workload's name. */
    public String workload() {
        return workload;
    }

    /** Parameter overrides as given. */
    public Map<String, String> params() {
        return params;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The task's index in its run. */
    public long index() {
        return index;
    }

    /** The workload spec this task came from. */
    public WorkloadSpec spec() {
        return new WorkloadSpec(workload, params);
    }

    @Override
    public Object call() throws Exception {
        TaskSource s = source;
        if (s == null) {
            s = resolve(spec(), seed);
            source = s;
        }
        return s.task(index).call();
    }

    @Override
    public int priority() {
        return source().priority(index);
    }

    @Override
    public long expectedNanos() {
        return source().expectedNanos(index);
    }

    private TaskSource source() {
        TaskSource s = source;
        if (s == null) {
            s = resolve(spec(), seed);
            source = s;
        }
        return s;
    }

    /** Binds a workload spec in this JVM, caching the result per (spec, seed). */
    public static TaskSource resolve(WorkloadSpec spec, long seed) {
        Objects.requireNonNull(spec);
        return SOURCES.computeIfAbsent(spec + "#" + seed, k -> WorkloadCatalog.standard().bind(spec, seed));
    }

    @Override
    public String toString() {
        return "WorkloadTask[" + spec() + ", seed=" + seed + ", index=" + index + "]";
    }
}

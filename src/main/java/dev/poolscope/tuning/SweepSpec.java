package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.workload.WorkloadCatalog;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a sweep runs: one base run (workload, task count, queue, arrival...)
 * repeated for every pool kind and worker count, {@code repetitions} times each.
 *
 * @param base the run every point is a copy of; its pool and worker count are replaced
 * @param pools the pool kinds to sweep, in order, without duplicates
 * @param workers the worker counts, ascending, without duplicates
 * @param repetitions runs per point; the point reports their medians
 * @param p99Target when not null, recommend the largest count whose median p99 latency is within it
 * @param warmup run the base once, unmeasured, before the sweep so that the JIT has compiled the workload
 */
public record SweepSpec(RunSpec base, List<String> pools, List<Integer> workers, int repetitions,
                        Duration p99Target, boolean warmup) {

    /** The most repetitions per point. */
    public static final int MAX_REPETITIONS = 100;

    public SweepSpec {
        Objects.requireNonNull(base, "base");
        pools = List.copyOf(new LinkedHashSet<>(pools));
        workers = List.copyOf(workers);
    }

    /** A sweep with one repetition, no latency target and a warm-up. */
    public static SweepSpec of(RunSpec base, List<String> pools, List<Integer> workers) {
        return new SweepSpec(base, pools, workers, 1, null, true);
    }

    public SweepSpec withRepetitions(int r) {
        return new SweepSpec(base, pools, workers, r, p99Target, warmup);
    }

    public SweepSpec withP99Target(Duration target) {
        return new SweepSpec(base, pools, workers, repetitions, target, warmup);
    }

    public SweepSpec withWarmup(boolean on) {
        return new SweepSpec(base, pools, workers, repetitions, p99Target, on);
    }

    /** Runs in the whole sweep, warm-up excluded. */
    public int totalRuns() {
        return pools.size() * workers.size() * repetitions;
    }

    /**
     * The spec of one point's runs. A pool entry is a kind ({@code fixed}) or a
     * kind with a queue order ({@code fixed/shortest}), so a sweep compares
     * disciplines as it compares kinds.
     */
    public RunSpec pointSpec(String pool, int n) {
        int slash = pool.indexOf('/');
        if (slash < 0) {
            return base.withPool(pool).withWorkers(n);
        }
        return base.withPool(pool.substring(0, slash)).withWorkers(n)
                .withQueueOrder(dev.poolscope.pool.QueueOrder.parse(pool.substring(slash + 1)));
    }

    /** The kind of a pool entry: {@code fixed} for {@code fixed} and {@code fixed/shortest}. */
    public static String kindOf(String pool) {
        int slash = pool.indexOf('/');
        return slash < 0 ? pool : pool.substring(0, slash);
    }

    /**
     * Checks the sweep against the registries: every kind exists and accepts
     * every count, and the base run is valid on each.
     *
     * @throws InvalidSpecException naming the first wrong setting as its command-line option
     */
    public void validate(PoolRegistry registry, WorkloadCatalog workloads) {
        if (pools.isEmpty()) {
            throw new InvalidSpecException("--pool", "name at least one pool kind; allowed: " + String.join(", ", registry.names()));
        }
        if (workers.isEmpty()) {
            throw new InvalidSpecException("--workers", "name at least one worker count, e.g. 1..8");
        }
        if (repetitions < 1 || repetitions > MAX_REPETITIONS) {
            throw new InvalidSpecException("--repeat", "must be between 1 and " + MAX_REPETITIONS + ", was " + repetitions);
        }
        if (p99Target != null && (p99Target.isNegative() || p99Target.isZero())) {
            throw new InvalidSpecException("--p99-target", "must be a positive duration like 50ms");
        }
        if (base.tasks() < 1) {
            throw new InvalidSpecException("--tasks", "a sweep needs at least 1 task per run, was " + base.tasks());
        }
        for (String pool : pools) {
            PoolKind kind = registry.find(kindOf(pool)).orElseThrow(() -> new InvalidSpecException("--pool",
                    "unknown pool '" + pool + "'; allowed: " + String.join(", ", registry.names())));
            int largest = workers.get(workers.size() - 1);
            if (workers.get(0) < 1 || largest > kind.maxWorkers()) {
                throw new InvalidSpecException("--workers", "worker counts must be between 1 and " + kind.maxWorkers()
                        + " for pool '" + kind.name() + "', was " + largest);
            }
            pointSpec(pool, largest).validate(registry, workloads);
        }
    }
}

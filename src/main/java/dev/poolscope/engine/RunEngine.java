package dev.poolscope.engine;

import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadCatalog;
import dev.poolscope.workload.WorkloadTask;

/**
 * Starts runs. Holds the registries of pool kinds and workloads that the
 * command line, the dashboard and the benchmarks share.
 */
public final class RunEngine {
    private static final RunEngine STANDARD = new RunEngine(PoolRegistry.standard(), WorkloadCatalog.standard());

    private final PoolRegistry pools;
    private final WorkloadCatalog workloads;

    /** An engine over the given registries. */
    public RunEngine(PoolRegistry pools, WorkloadCatalog workloads) {
        this.pools = pools;
        this.workloads = workloads;
    }

    /** The engine over the kinds and workloads on the class path. */
    public static RunEngine standard() {
        return STANDARD;
    }

    /** The pool kinds. */
    public PoolRegistry pools() {
        return pools;
    }

    /** The workloads. */
    public WorkloadCatalog workloads() {
        return workloads;
    }

    /**
     * Validates the spec, creates its pool and starts the run.
     *
     * @throws InvalidSpecException naming the first wrong setting
     */
    public Run start(RunSpec spec) {
        spec.validate(pools, workloads);
        TaskSource source = WorkloadTask.resolve(spec.workload(), spec.seed());
        WorkerPool pool;
        try {
            pool = pools.create(spec.pool(), spec.poolConfig());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--pool", e.getMessage());
        }
        Run run = new Run(spec, pool, source);
        run.start();
        return run;
    }
}

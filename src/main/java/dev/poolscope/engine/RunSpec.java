package dev.poolscope.engine;

import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.QueueOrder;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.StallPolicy;
import dev.poolscope.workload.Workload;
import dev.poolscope.workload.WorkloadCatalog;
import dev.poolscope.workload.WorkloadSpec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that describes one run: which pool, how big, what work, how much
 * of it and how it arrives. Immutable; {@link #validate} checks it against the
 * registries and names the first wrong setting.
 *
 * @param pool pool kind name, e.g. {@code fixed}
 * @param workers worker count at the start
 * @param queueCapacity {@link PoolConfig#UNBOUNDED} or a limit
 * @param rejection what a full queue does
 * @param workload the workload and its parameter overrides
 * @param tasks how many tasks to submit
 * @param arrival when they arrive
 * @param seed random seed for workloads and arrivals
 * @param taskTimeout per-task limit once started; zero for none
 * @param sampleInterval time between metric snapshots
 * @param maxInFlight with an unbounded queue: the most tasks submitted but not ended, bounding memory
 * @param maxTasksPerWorker process pools: recycle a worker after this many tasks (0 never)
 * @param workerJvmOptions process pools: extra JVM options per worker
 * @param cluster cluster pools: the members to start or the cluster to join
 * @param queueOrder the order the pool serves its queue in ({@code --queue-order})
 * @param stallPolicy what the pool does once it starves itself ({@code --on-stall}, {@code --stall-grace})
 */
public record RunSpec(String pool, int workers, int queueCapacity, RejectionPolicy rejection, WorkloadSpec workload,
                      long tasks, Arrival arrival, long seed, Duration taskTimeout, Duration sampleInterval,
                      int maxInFlight, int maxTasksPerWorker, List<String> workerJvmOptions,
                      ClusterTarget cluster, QueueOrder queueOrder, StallPolicy stallPolicy) {

    /** Default cap on tasks in flight with an unbounded queue. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 65_536;
    /** Largest task count a run accepts. */
    public static final long MAX_TASKS = 1_000_000_000L;

    public RunSpec {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(workload, "workload");
        arrival = arrival == null ? new Arrival.AllAtOnce() : arrival;
        taskTimeout = taskTimeout == null ? Duration.ZERO : taskTimeout;
        sampleInterval = sampleInterval == null ? Duration.ofMillis(100) : sampleInterval;
        workerJvmOptions = workerJvmOptions == null ? List.of() : List.copyOf(workerJvmOptions);
        cluster = cluster == null ? ClusterTarget.DEFAULT : cluster;
        queueOrder = queueOrder == null ? QueueOrder.FIFO : queueOrder;
        stallPolicy = stallPolicy == null ? StallPolicy.DEFAULT : stallPolicy;
    }

    /** A spec served first in, first out, whose pool fails a starvation deadlock after one second. */
    public RunSpec(String pool, int workers, int queueCapacity, RejectionPolicy rejection, WorkloadSpec workload,
                   long tasks, Arrival arrival, long seed, Duration taskTimeout, Duration sampleInterval,
                   int maxInFlight, int maxTasksPerWorker, List<String> workerJvmOptions) {
        this(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval,
                maxInFlight, maxTasksPerWorker, workerJvmOptions, ClusterTarget.DEFAULT, QueueOrder.FIFO, StallPolicy.DEFAULT);
    }

    /** A spec with these cluster settings, served first in, first out, failing a starvation deadlock after one second. */
    public RunSpec(String pool, int workers, int queueCapacity, RejectionPolicy rejection, WorkloadSpec workload,
                   long tasks, Arrival arrival, long seed, Duration taskTimeout, Duration sampleInterval,
                   int maxInFlight, int maxTasksPerWorker, List<String> workerJvmOptions, ClusterTarget cluster) {
        this(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval,
                maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, QueueOrder.FIFO, StallPolicy.DEFAULT);
    }

    /** A spec with the default cluster target. */
    public RunSpec(String pool, int workers, int queueCapacity, RejectionPolicy rejection, WorkloadSpec workload,
                   long tasks, Arrival arrival, long seed, Duration taskTimeout, Duration sampleInterval,
                   int maxInFlight, int maxTasksPerWorker, List<String> workerJvmOptions,
                   QueueOrder queueOrder, StallPolicy stallPolicy) {
        this(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval,
                maxInFlight, maxTasksPerWorker, workerJvmOptions, ClusterTarget.DEFAULT, queueOrder, stallPolicy);
    }

    /** A spec with defaults: unbounded queue, block policy, all at once, seed 42, 100 ms samples. */
    public static RunSpec of(String pool, int workers, WorkloadSpec workload, long tasks) {
        return new RunSpec(pool, workers, PoolConfig.UNBOUNDED, RejectionPolicy.BLOCK, workload, tasks,
                new Arrival.AllAtOnce(), 42, Duration.ZERO, Duration.ofMillis(100), DEFAULT_MAX_IN_FLIGHT, 0, List.of());
    }

    public RunSpec withPool(String p) {
        return new RunSpec(p, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withWorkers(int n) {
        return new RunSpec(pool, n, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withQueue(int capacity, RejectionPolicy policy) {
        return new RunSpec(pool, workers, capacity, policy, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withWorkload(WorkloadSpec w) {
        return new RunSpec(pool, workers, queueCapacity, rejection, w, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withTasks(long n) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, n, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withArrival(Arrival a) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, a, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withSeed(long s) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, s, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withTaskTimeout(Duration d) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, d, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withSampleInterval(Duration d) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, d, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withMaxInFlight(int n) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, n, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withProcessOptions(int maxTasks, List<String> jvmOptions) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasks, jvmOptions, cluster, queueOrder, stallPolicy);
    }

    public RunSpec withQueueOrder(QueueOrder o) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, o, stallPolicy);
    }

    public RunSpec withStallPolicy(StallPolicy p) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, cluster, queueOrder, p);
    }

    /** The pool config this spec asks for. */
    public PoolConfig poolConfig() {
        return new PoolConfig(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, null,
                cluster, queueOrder, stallPolicy);
    }

    /** A copy with another cluster target (cluster pools). */
    public RunSpec withCluster(ClusterTarget target) {
        return new RunSpec(pool, workers, queueCapacity, rejection, workload, tasks, arrival, seed, taskTimeout, sampleInterval, maxInFlight, maxTasksPerWorker, workerJvmOptions, target, queueOrder, stallPolicy);
    }

    /**
     * Checks every setting; throws for the first wrong one.
     *
     * @throws InvalidSpecException naming the setting and the allowed values
     */
    public void validate(PoolRegistry pools, WorkloadCatalog workloads) {
        PoolKind kind = pools.find(pool).orElseThrow(() -> new InvalidSpecException("--pool",
                "unknown pool '" + pool + "'; allowed: " + String.join(", ", pools.names())));
        if (workers < 1 || workers > kind.maxWorkers()) {
            throw new InvalidSpecException("--workers", "must be between 1 and " + kind.maxWorkers()
                    + " for pool '" + kind.name() + "', was " + workers);
        }
        if (queueCapacity < 0) {
            throw new InvalidSpecException("--queue-capacity", "must be 0 or more, was " + queueCapacity);
        }
        if (tasks < 0 || tasks > MAX_TASKS) {
            throw new InvalidSpecException("--tasks", "must be between 0 and " + MAX_TASKS + ", was " + tasks);
        }
        Workload w = workloads.find(workload.name()).orElseThrow(() -> new InvalidSpecException("--workload",
                "unknown workload '" + workload.name() + "'; allowed: " + String.join(", ", workloads.names())));
        try {
            workloads.resolve(workload);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--workload", e.getMessage());
        }
        if ("cluster".equals(kind.name()) && !cluster.joins() && workers < cluster.membersFor(workers)) {
            throw new InvalidSpecException("--workers", "must be at least --members (" + cluster.membersFor(workers)
                    + ": every member runs at least one thread) for pool 'cluster', was " + workers);
        }
        if (w.requiresProcess() && !kind.usesProcesses()) {
            throw new InvalidSpecException("--workload", "workload '" + w.name()
                    + "' would bring down a whole JVM and runs only on process pools; use --pool process");
        }
        if (taskTimeout.isNegative()) {
            throw new InvalidSpecException("--task-timeout", "must not be negative");
        }
        validateScheduling(pools, kind, w);
        if (sampleInterval.compareTo(Duration.ofMillis(10)) < 0 || sampleInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new InvalidSpecException("--sample-interval", "must be between 10ms and 1m, was "
                    + Durations.format(sampleInterval));
        }
        if (maxInFlight < 1) {
            throw new InvalidSpecException("--max-in-flight", "must be at least 1, was " + maxInFlight);
        }
        if (maxTasksPerWorker < 0) {
            throw new InvalidSpecException("--max-tasks-per-worker", "must be 0 (never recycle) or more, was " + maxTasksPerWorker);
        }
        switch (arrival) {
            case Arrival.FixedRate r when !(r.perSecond() > 0 && r.perSecond() <= 10_000_000) ->
                    throw new InvalidSpecException("--rate", "must be between 0 (exclusive) and 10000000 tasks per second, was " + r.perSecond());
            case Arrival.Poisson r when !(r.perSecond() > 0 && r.perSecond() <= 10_000_000) ->
                    throw new InvalidSpecException("--rate", "must be between 0 (exclusive) and 10000000 tasks per second, was " + r.perSecond());
            case Arrival.Batches b when b.size() < 1 ->
                    throw new InvalidSpecException("--batch-size", "must be at least 1, was " + b.size());
            case Arrival.Batches b when b.every().isNegative() || b.every().isZero() ->
                    throw new InvalidSpecException("--batch-interval", "must be more than zero");
            default -> {
            }
        }
    }

    private void validateScheduling(PoolRegistry pools, PoolKind kind, Workload w) {
        if (queueOrder != QueueOrder.FIFO && !kind.ordersQueue()) {
            throw new InvalidSpecException("--queue-order", "'" + queueOrder + "' needs a pool with a central queue: "
                    + String.join(", ", pools.orderingKinds()) + "; pool '" + kind.name() + "' takes only fifo");
        }
        if (queueOrder == QueueOrder.SHORTEST && !w.knowsSizes()) {
            throw new InvalidSpecException("--queue-order", "'shortest' needs tasks whose sizes are known in advance;"
                    + " workload '" + w.name() + "' does not give them (these do: " + String.join(", ", knowing(Workload::knowsSizes)) + ")");
        }
        if (queueOrder == QueueOrder.PRIORITY && !w.hasPriorities()) {
            throw new InvalidSpecException("--queue-order", "'priority' needs tasks with priorities;"
                    + " workload '" + w.name() + "' has none (these do: " + String.join(", ", knowing(Workload::hasPriorities)) + ")");
        }
        if (w.submitsToOwnPool() && kind.usesProcesses()) {
            throw new InvalidSpecException("--workload", "workload '" + w.name() + "' submits subtasks to the pool it runs on,"
                    + " which a worker process cannot reach; use a pool of threads (fixed, virtual, forkjoin)");
        }
    }

    private static List<String> knowing(java.util.function.Predicate<Workload> p) {
        return WorkloadCatalog.standard().all().stream().filter(p).map(Workload::name).toList();
    }

    /** A one-line description, e.g. {@code fixed x2, cpu:size=50000, 2000 tasks}. */
    public String describe() {
        return pool + " x" + workers + ", " + workload + ", " + tasks + " tasks"
                + (queueCapacity == PoolConfig.UNBOUNDED ? "" : ", queue " + queueCapacity + " " + rejection)
                + (arrival instanceof Arrival.AllAtOnce ? "" : ", " + arrival.describe())
                + (queueOrder == QueueOrder.FIFO ? "" : ", " + queueOrder + " first");
    }
}

package dev.poolscope.pool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to build a pool: the settings every kind shares, plus a few that only
 * process pools read (others ignore them).
 *
 * @param workers number of workers, at least 1
 * @param queueCapacity tasks that may wait; {@link #UNBOUNDED} for no limit; 0 for direct hand-off
 * @param rejection what to do when the queue is full
 * @param taskTimeout longest a task may run once started; {@link Duration#ZERO} for no limit
 * @param maxTasksPerWorker process pools: recycle a worker after this many tasks; 0 for never
 * @param workerJvmOptions process pools: extra JVM options for each worker
 * @param workerInitializer process pools: a class name whose no-argument constructor runs once per worker, or null
 * @param cluster cluster pools: the members to start or the cluster to join
 * @param queueOrder the order queued tasks are served in; kinds without a central queue take only FIFO
 * @param stallPolicy what the pool does when it has starved itself into a deadlock
 */
public record PoolConfig(int workers, int queueCapacity, RejectionPolicy rejection, Duration taskTimeout,
                         int maxTasksPerWorker, List<String> workerJvmOptions, String workerInitializer,
                         ClusterTarget cluster, QueueOrder queueOrder, StallPolicy stallPolicy) {

    /** Queue capacity meaning "no limit". */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public PoolConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must be 0 or more, was " + queueCapacity);
        }
        Objects.requireNonNull(rejection, "rejection");
        taskTimeout = taskTimeout == null ? Duration.ZERO : taskTimeout;
        if (taskTimeout.isNegative()) {
            throw new IllegalArgumentException("task timeout must not be negative");
        }
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("max tasks per worker must be 0 or more");
        }
        workerJvmOptions = workerJvmOptions == null ? List.of() : List.copyOf(workerJvmOptions);
        cluster = cluster == null ? ClusterTarget.DEFAULT : cluster;
        queueOrder = queueOrder == null ? QueueOrder.FIFO : queueOrder;
        stallPolicy = stallPolicy == null ? StallPolicy.DEFAULT : stallPolicy;
    }

    /** A config served first in, first out, failing a starvation deadlock after one second. */
    public PoolConfig(int workers, int queueCapacity, RejectionPolicy rejection, Duration taskTimeout,
                      int maxTasksPerWorker, List<String> workerJvmOptions, String workerInitializer) {
        this(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer,
                ClusterTarget.DEFAULT, QueueOrder.FIFO, StallPolicy.DEFAULT);
    }

    /** A config with these cluster settings, served first in, first out, failing a starvation deadlock after one second. */
    public PoolConfig(int workers, int queueCapacity, RejectionPolicy rejection, Duration taskTimeout,
                      int maxTasksPerWorker, List<String> workerJvmOptions, String workerInitializer,
                      ClusterTarget cluster) {
        this(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer,
                cluster, QueueOrder.FIFO, StallPolicy.DEFAULT);
    }

    /** A config with the default cluster target. */
    public PoolConfig(int workers, int queueCapacity, RejectionPolicy rejection, Duration taskTimeout,
                      int maxTasksPerWorker, List<String> workerJvmOptions, String workerInitializer,
                      QueueOrder queueOrder, StallPolicy stallPolicy) {
        this(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer,
                ClusterTarget.DEFAULT, queueOrder, stallPolicy);
    }

    /** A config with {@code workers} workers, an unbounded queue and no timeout. */
    public static PoolConfig of(int workers) {
        return new PoolConfig(workers, UNBOUNDED, RejectionPolicy.BLOCK, Duration.ZERO, 0, List.of(), null);
    }

    /** True if the queue has a limit. */
    public boolean bounded() {
        return queueCapacity != UNBOUNDED;
    }

    /** A copy with another worker count. */
    public PoolConfig withWorkers(int n) {
        return new PoolConfig(n, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, cluster, queueOrder, stallPolicy);
    }

    /** A copy with another queue capacity and rejection policy. */
    public PoolConfig withQueue(int capacity, RejectionPolicy policy) {
        return new PoolConfig(workers, capacity, policy, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, cluster, queueOrder, stallPolicy);
    }

    /** A copy with another task timeout. */
    public PoolConfig withTaskTimeout(Duration timeout) {
        return new PoolConfig(workers, queueCapacity, rejection, timeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, cluster, queueOrder, stallPolicy);
    }

    /** A copy with other process-pool settings. */
    public PoolConfig withProcessOptions(int maxTasks, List<String> jvmOptions, String initializer) {
        return new PoolConfig(workers, queueCapacity, rejection, taskTimeout, maxTasks, jvmOptions, initializer, cluster, queueOrder, stallPolicy);
    }

    /** A copy with another cluster target. */
    public PoolConfig withCluster(ClusterTarget target) {
        return new PoolConfig(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, target, queueOrder, stallPolicy);
    }

    /** A copy served in another order. */
    public PoolConfig withQueueOrder(QueueOrder order) {
        return new PoolConfig(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, cluster, order, stallPolicy);
    }

    /** A copy with another stall policy. */
    public PoolConfig withStallPolicy(StallPolicy policy) {
        return new PoolConfig(workers, queueCapacity, rejection, taskTimeout, maxTasksPerWorker, workerJvmOptions, workerInitializer, cluster, queueOrder, policy);
    }
}

package dev.poolscope.cli;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.QueueOrder;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.TwinFile;
import dev.poolscope.pool.StallPolicy;
import dev.poolscope.workload.WorkloadSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options that describe one run, shared by {@code poolscope run} and
 * {@code poolscope dashboard} (a picocli mixin): an option added here reaches
 * both. {@link #spec()} turns them into a {@link RunSpec}.
 */
final class RunOptions {

    @Option(names = "--pool", paramLabel = "KIND", defaultValue = "fixed",
            description = "pool kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = RunCommand.PoolNames.class)
    String pool;

    @Option(names = "--workers", paramLabel = "N", description = "worker count (default: the number of cores)")
    Integer workers;

    @Option(names = "--workload", paramLabel = "NAME[:key=value,...]", defaultValue = "cpu",
            converter = Converters.WorkloadConverter.class,
            description = "workload and parameters, e.g. cpu:size=50000 (see 'poolscope workloads'; default: ${DEFAULT-VALUE})")
    WorkloadSpec workload;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "1000", description = "tasks to submit (default: ${DEFAULT-VALUE})")
    long tasks;

    @Option(names = "--queue-capacity", paramLabel = "N", description = "queue limit (default: unbounded; 0 = direct hand-off)")
    Integer queueCapacity;

    @Option(names = "--rejection", paramLabel = "POLICY", defaultValue = "block", converter = Converters.RejectionConverter.class,
            description = "when the queue is full: block, abort, caller-runs, discard-oldest (default: ${DEFAULT-VALUE})")
    RejectionPolicy rejection;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "open-loop arrival rate in tasks per second (default: all at once)")
    Double rate;

    @Option(names = "--arrival", paramLabel = "PATTERN", description = "arrival pattern: all, fixed, poisson, batches (default: fixed with --rate, else all)")
    String arrival;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "tasks per batch with --arrival batches (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "time between batches with --arrival batches (default: ${DEFAULT-VALUE})")
    Duration batchInterval;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed for workloads and arrivals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "longest a task may run once started, e.g. 500ms (default: none)")
    Duration taskTimeout;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms", converter = Converters.DurationConverter.class,
            description = "time between metric samples (default: ${DEFAULT-VALUE})")
    Duration sampleInterval;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "65536",
            description = "with an unbounded queue, most tasks outstanding at once; bounds memory (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--max-tasks-per-worker", paramLabel = "N", defaultValue = "0",
            description = "process pool: replace a worker process after N tasks (default: ${DEFAULT-VALUE} = never)")
    int maxTasksPerWorker;

    @Option(names = "--worker-jvm-option", paramLabel = "OPT",
            description = "process pool: an extra JVM option for every worker, e.g. -Xmx64m (repeatable)")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--members", paramLabel = "M",
            description = "cluster pool: member JVMs to start on loopback; --workers threads are spread over them (default: 2)")
    Integer members;

    @Option(names = "--cluster", paramLabel = "ADDRESS[,ADDRESS...]", split = ",",
            description = "cluster pool: join the existing cluster at these member addresses (host[:port]) instead of starting members")
    List<String> cluster = new ArrayList<>();

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "cluster pool: the cluster's name (required with --cluster; default: a new name per run)")
    String clusterName;
    @Option(names = "--queue-order", paramLabel = "ORDER", defaultValue = "fifo", converter = Converters.QueueOrderConverter.class,
            description = "order queued tasks are served in: fifo, lifo, priority, shortest (fixed, virtual, process; default: ${DEFAULT-VALUE})")
    QueueOrder queueOrder;

    @Option(names = "--on-stall", paramLabel = "ACTION", defaultValue = "fail", converter = Converters.OnStallConverter.class,
            description = "when every worker waits for tasks queued in its own pool: fail the waiting tasks, or wait (stuck; default: ${DEFAULT-VALUE})")
    StallPolicy.Action onStall;

    @Option(names = "--stall-grace", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "how long a starvation deadlock lasts before --on-stall fail acts (default: ${DEFAULT-VALUE})")
    Duration stallGrace;

    @Option(names = "--jfr", paramLabel = "FILE", description = "record the run with JDK Flight Recorder into FILE"
            + " (an event per task, dev.poolscope.Task, and pool samples)")
    Path jfr;

    /** The {@code --jfr} file, checked to be writable, or null without the option. */
    Path jfr() {
        if (jfr != null) {
            RunRecording.check(jfr);
        }
        return jfr;
    }

    /** Builds the spec from the options; throws {@link InvalidSpecException} for bad combinations. */
    RunSpec spec() {
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        RunSpec s = RunSpec.of(pool, n, workload, tasks)
                .withQueue(queueCapacity == null ? PoolConfig.UNBOUNDED : queueCapacity, rejection)
                .withSeed(seed)
                .withTaskTimeout(taskTimeout == null ? Duration.ZERO : taskTimeout)
                .withSampleInterval(sampleInterval)
                .withMaxInFlight(maxInFlight)
                .withArrival(arrival());
        return customise(s);
    }

    private RunSpec customise(RunSpec s) {
        if (maxTasksPerWorker < 0) {
            throw new InvalidSpecException("--max-tasks-per-worker", "must be 0 (never) or more, was " + maxTasksPerWorker);
        }
        StallPolicy stall;
        try {
            stall = new StallPolicy(onStall, stallGrace);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--stall-grace", "must be between 100ms and 1h, was " + stallGrace.toMillis() + "ms");
        }
        return s.withProcessOptions(maxTasksPerWorker, workerJvmOptions).withCluster(clusterTarget())
                .withQueueOrder(queueOrder).withStallPolicy(stall);
    }

    private ClusterTarget clusterTarget() {
        if (members != null && (members < 1 || members > ClusterTarget.MAX_MEMBERS)) {
            throw new InvalidSpecException("--members", "must be between 1 and " + ClusterTarget.MAX_MEMBERS + ", was " + members);
        }
        if (!cluster.isEmpty() && (clusterName == null || clusterName.isBlank())) {
            throw new InvalidSpecException("--cluster-name", "is required with --cluster (the name the members were started with)");
        }
        if (clusterName != null && clusterName.isBlank()) {
            throw new InvalidSpecException("--cluster-name", "must not be blank");
        }
        return new ClusterTarget(members == null ? 0 : members, cluster, clusterName);
    }

    private Arrival arrival() {
        if (arrival == null && rate == null && workload != null && workload.name().equalsIgnoreCase("twin")
                && workload.params().containsKey("file")) {
            // a twin arrives at its watched pool's rate unless told otherwise
            try {
                return new Arrival.Poisson(TwinFile.read(Path.of(workload.params().get("file"))).arrivalPerSecond());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("--workload", e.getMessage());
            }
        }
        String a = arrival == null ? (rate == null ? "all" : "fixed") : arrival.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "all" -> {
                if (rate != null) {
                    throw new InvalidSpecException("--rate", "cannot be used with --arrival all");
                }
                yield new Arrival.AllAtOnce();
            }
            case "fixed" -> new Arrival.FixedRate(requireRate(a));
            case "poisson" -> new Arrival.Poisson(requireRate(a));
            case "batches" -> new Arrival.Batches(batchSize, batchInterval);
            default -> throw new InvalidSpecException("--arrival", "unknown arrival pattern '" + arrival
                    + "'; allowed: all, fixed, poisson, batches");
        };
    }

    private double requireRate(String pattern) {
        if (rate == null) {
            throw new InvalidSpecException("--rate", "is required with --arrival " + pattern);
        }
        return rate;
    }
}

package dev.poolscope.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.Durations;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;

import java.time.Duration;
import java.util.Locale;

/**
 * A run a lesson offers, written with the same names as the options of
 * {@code poolscope run}. Only {@code label}, {@code pool}, {@code workers},
 * {@code workload} and {@code tasks} are required. A lesson's claims name a
 * run by its {@code id}, or by its letter ({@code A} for the first, {@code B}
 * for the second, ...) when it has none.
 *
 * @param label the button text, e.g. {@code "fixed pool, 8 workers"}
 * @param pool pool kind
 * @param workers worker count, a number or relative to the machine ({@code cores}, {@code 2*cores})
 * @param workload {@code NAME[:key=value,...]}
 * @param tasks tasks to submit
 * @param queueCapacity queue limit, or null for unbounded
 * @param rejection {@code block}, {@code abort}, {@code caller-runs} or {@code discard-oldest}; null for block
 * @param arrival {@code all}, {@code fixed}, {@code poisson} or {@code batches}; null for all (or fixed with a rate)
 * @param rate tasks per second for {@code fixed} and {@code poisson}
 * @param batchSize tasks per batch for {@code batches} (default 100)
 * @param batchInterval time between batches for {@code batches}, e.g. {@code 500ms} (default 1s)
 * @param taskTimeout longest a task may run, e.g. {@code 2s}; null for none
 * @param seed random seed; null for 42
 * @param id the name claims use for this run, or null for its letter
 * @param queueOrder {@code fifo}, {@code lifo}, {@code priority} or {@code shortest}; null for fifo
 * @param onStall {@code fail} or {@code wait}; null for fail
 * @param stallGrace how long a starvation deadlock lasts before {@code fail} acts, e.g. {@code 300ms}; null for 1s
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LessonPreset(String label, String pool, WorkerCount workers, String workload, long tasks, Integer queueCapacity,
                           String rejection, String arrival, Double rate, Integer batchSize, String batchInterval,
                           String taskTimeout, Long seed, String id, String queueOrder, String onStall, String stallGrace) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public LessonPreset {
    }

    /** A preset served first in, first out, failing a starvation deadlock after one second. */
    public LessonPreset(String label, String pool, WorkerCount workers, String workload, long tasks, Integer queueCapacity,
                        String rejection, String arrival, Double rate, Integer batchSize, String batchInterval,
                        String taskTimeout, Long seed, String id) {
        this(label, pool, workers, workload, tasks, queueCapacity, rejection, arrival, rate, batchSize, batchInterval,
                taskTimeout, seed, id, null, null, null);
    }

    /**
     * The run this preset describes on this machine (relative worker counts
     * resolved against its cores).
     *
     * @throws InvalidSpecException naming the wrong field as its command-line option
     */
    public RunSpec toRunSpec() {
        return toRunSpec(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The run this preset describes on a machine with {@code cores} cores. Checks the text fields (workload, policy,
     * arrival, durations); {@link RunSpec#validate} checks the rest against the registries.
     *
     * @throws InvalidSpecException naming the wrong field as its command-line option
     */
    public RunSpec toRunSpec(int cores) {
        if (workers == null) {
            throw new InvalidSpecException("--workers", "the preset '" + label + "' gives no worker count");
        }
        if (pool == null || pool.isBlank()) {
            throw new InvalidSpecException("--pool", "the preset '" + label + "' names no pool");
        }
        WorkloadSpec w;
        try {
            w = WorkloadSpec.parse(workload);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--workload", e.getMessage());
        }
        RejectionPolicy policy;
        try {
            policy = rejection == null ? RejectionPolicy.BLOCK : RejectionPolicy.parse(rejection);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--rejection", e.getMessage());
        }
        RunSpec s = RunSpec.of(pool, workers.resolve(cores), w, tasks)
                .withQueue(queueCapacity == null ? PoolConfig.UNBOUNDED : queueCapacity, policy)
                .withArrival(arrivalPattern())
                .withTaskTimeout(taskTimeout == null ? Duration.ZERO : duration("--task-timeout", taskTimeout));
        s = scheduling(s);
        return seed == null ? s : s.withSeed(seed);
    }

    private RunSpec scheduling(RunSpec s) {
        try {
            if (queueOrder != null) {
                s = s.withQueueOrder(dev.poolscope.pool.QueueOrder.parse(queueOrder));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--queue-order", e.getMessage());
        }
        dev.poolscope.pool.StallPolicy.Action action;
        try {
            action = onStall == null ? dev.poolscope.pool.StallPolicy.Action.FAIL : dev.poolscope.pool.StallPolicy.Action.parse(onStall);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--on-stall", e.getMessage());
        }
        Duration grace = stallGrace == null ? Duration.ofSeconds(1) : duration("--stall-grace", stallGrace);
        try {
            return s.withStallPolicy(new dev.poolscope.pool.StallPolicy(action, grace));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--stall-grace", e.getMessage());
        }
    }

    private Arrival arrivalPattern() {
        String a = arrival == null ? (rate == null ? "all" : "fixed") : arrival.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "all" -> new Arrival.AllAtOnce();
            case "fixed" -> new Arrival.FixedRate(requireRate(a));
            case "poisson" -> new Arrival.Poisson(requireRate(a));
            case "batches" -> new Arrival.Batches(batchSize == null ? 100 : batchSize,
                    batchInterval == null ? Duration.ofSeconds(1) : duration("--batch-interval", batchInterval));
            default -> throw new InvalidSpecException("--arrival", "unknown arrival pattern '" + arrival
                    + "'; allowed: all, fixed, poisson, batches");
        };
    }

    private double requireRate(String pattern) {
        if (rate == null) {
            throw new InvalidSpecException("--rate", "is required with arrival " + pattern);
        }
        return rate;
    }

    private static Duration duration(String field, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(field, e.getMessage());
        }
    }
}

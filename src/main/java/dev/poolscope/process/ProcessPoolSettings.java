package dev.poolscope.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tuning of a {@link ProcessWorkerPool} beyond what {@link dev.poolscope.pool.PoolConfig}
 * says. The defaults suit a laptop-sized machine.
 *
 * <h2>Guide</h2>
 * <ul>
 * <li>{@code pipelineDepth}: the most tasks sent to one worker before its
 *     first reply (1 = no pipelining). Depth above 1 hides the round trip for
 *     short tasks. The pool sends a worker only as many as fit in
 *     {@code pipelineBelow} (1 ms) of its average service time, so a worker
 *     holds at most about 1 ms of queued work and long tasks stay fairly
 *     spread (at most 2 until a worker has timed its first task). Default 1024
 *     (at most 4096): no-op tasks on one worker, measured in one sitting on
 *     the 2-core build machine, ran at about 140k tasks/s at depth 16, 360-390k
 *     at 64, 600k at 256 and 820k at 1024, against a raw pipe's 1.05M messages/s.
 *     The 1 ms budget, not the depth, bounds what a worker holds for any task
 *     longer than a microsecond.</li>
 * <li>{@code heartbeatInterval} / {@code heartbeatTimeout}: a worker reports
 *     every interval; one silent for the timeout is considered frozen and is
 *     killed and replaced.</li>
 * <li>{@code startTimeout}: longest wait for a new worker's handshake.
 *     {@code maxStartFailures}: consecutive failed starts (pool-wide) after which
 *     the pool stops retrying and fails with the worker's error output.</li>
 * <li>{@code baseJvmOptions}: options every worker JVM gets before the
 *     configured worker options (which can override them).
 *     {@code classDataSharing}: keep an automatic class-data-sharing archive
 *     for workers in the temp folder (only used when the class path is made of jars).</li>
 * <li>{@code serialFilterPatterns}: extra {@link SerialFilter} allow-list patterns.</li>
 * <li>{@code logLines}: lines of each worker's log kept for error messages.</li>
 * <li>{@code cancelGrace}: after {@code cancel(true)} interrupts a running task
 *     in its worker, how long the task has to end before the worker is killed
 *     and replaced (default 1 s).</li>
 * </ul>
 */
public record ProcessPoolSettings(int pipelineDepth, Duration pipelineBelow, Duration heartbeatInterval,
                                  Duration heartbeatTimeout, Duration startTimeout, int maxStartFailures,
                                  List<String> baseJvmOptions, boolean classDataSharing,
                                  List<String> serialFilterPatterns, int logLines, Duration cancelGrace) {

    /** JVM options measured to start a worker quickly without slowing its tasks (see the package notes). */
    public static final List<String> TUNED_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData", "-Xmx256m");

    public ProcessPoolSettings {
        if (pipelineDepth < 1 || pipelineDepth > 4096) {
            throw new IllegalArgumentException("pipeline depth must be 1..4096, was " + pipelineDepth);
        }
        Objects.requireNonNull(pipelineBelow);
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive");
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeat timeout must be at least twice the interval");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive");
        }
        if (maxStartFailures < 1) {
            throw new IllegalArgumentException("max start failures must be at least 1");
        }
        baseJvmOptions = List.copyOf(baseJvmOptions);
        serialFilterPatterns = List.copyOf(serialFilterPatterns);
        if (logLines < 1) {
            throw new IllegalArgumentException("log lines must be at least 1");
        }
        if (cancelGrace.isNegative()) {
            throw new IllegalArgumentException("cancel grace must not be negative, was " + cancelGrace);
        }
    }

    /** The defaults. */
    public static ProcessPoolSettings defaults() {
        return new ProcessPoolSettings(1024, Duration.ofMillis(1), Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 3, TUNED_JVM_OPTIONS, true, List.of(), 200,
                Duration.ofSeconds(1));
    }

    /** A copy with another pipeline depth. */
    public ProcessPoolSettings withPipelineDepth(int depth) {
        return new ProcessPoolSettings(depth, pipelineBelow, heartbeatInterval, heartbeatTimeout, startTimeout,
                maxStartFailures, baseJvmOptions, classDataSharing, serialFilterPatterns, logLines, cancelGrace);
    }

    /** A copy with other heartbeat figures. */
    public ProcessPoolSettings withHeartbeat(Duration interval, Duration timeout) {
        return new ProcessPoolSettings(pipelineDepth, pipelineBelow, interval, timeout, startTimeout,
                maxStartFailures, baseJvmOptions, classDataSharing, serialFilterPatterns, logLines, cancelGrace);
    }

    /** A copy with other base JVM options and class-data-sharing choice. */
    public ProcessPoolSettings withJvm(List<String> options, boolean cds) {
        return new ProcessPoolSettings(pipelineDepth, pipelineBelow, heartbeatInterval, heartbeatTimeout,
                startTimeout, maxStartFailures, options, cds, serialFilterPatterns, logLines, cancelGrace);
    }

    /** A copy with extra serialization allow-list patterns. */
    public ProcessPoolSettings withSerialFilterPatterns(List<String> patterns) {
        return new ProcessPoolSettings(pipelineDepth, pipelineBelow, heartbeatInterval, heartbeatTimeout,
                startTimeout, maxStartFailures, baseJvmOptions, classDataSharing, patterns, logLines, cancelGrace);
    }

    /** A copy with another grace for a task interrupted by {@code cancel(true)}. */
    public ProcessPoolSettings withCancelGrace(Duration grace) {
        return new ProcessPoolSettings(pipelineDepth, pipelineBelow, heartbeatInterval, heartbeatTimeout,
                startTimeout, maxStartFailures, baseJvmOptions, classDataSharing, serialFilterPatterns, logLines, grace);
    }
}

package dev.poolscope.pool;

import java.util.List;

/**
 * What a report says of one worker slot of a process pool.
 *
 * @param id worker slot id
 * @param pid process id of the slot's current (or last) process
 * @param tasks tasks the slot finished, over all its processes
 * @param restarts times the slot's process was replaced
 * @param startupMillis start-to-ready time of each process the slot started, in order
 * @param exitReasons why each replaced process ended, in order
 * @param cpuNanos CPU time of the slot's last process as last measured while it lived, or -1 if it
 *        exited before it was measured (or none started)
 * @param rssBytes resident memory of the slot's last process as last measured, or -1 likewise
 */
public record WorkerDetail(int id, long pid, long tasks, int restarts, List<Double> startupMillis,
                           List<String> exitReasons, long cpuNanos, long rssBytes) {
    public WorkerDetail {
        startupMillis = List.copyOf(startupMillis);
        exitReasons = List.copyOf(exitReasons);
    }

    /** A slot whose process figures are not known (yet). */
    public WorkerDetail(int id, long pid, long tasks, int restarts, List<Double> startupMillis, List<String> exitReasons) {
        this(id, pid, tasks, restarts, startupMillis, exitReasons, -1, -1);
    }

    /** This detail with the figures of its last process (as the metrics sampler measured them). */
    public WorkerDetail withFigures(long cpuNanos, long rssBytes) {
        return new WorkerDetail(id, pid, tasks, restarts, startupMillis, exitReasons, cpuNanos, rssBytes);
    }
}

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
 */
public record WorkerDetail(int id, long pid, long tasks, int restarts, List<Double> startupMillis,
                           List<String> exitReasons) {
    public WorkerDetail {
        startupMillis = List.copyOf(startupMillis);
        exitReasons = List.copyOf(exitReasons);
    }
}

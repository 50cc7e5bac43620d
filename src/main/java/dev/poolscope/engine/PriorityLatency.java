package dev.poolscope.engine;

import dev.poolscope.metrics.Percentiles;
import dev.poolscope.pool.ObservedTask;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency (end - submit) per priority class of a run's tasks, recorded as each
 * task ends (cancelled and rejected tasks are left out: they did not run).
 * Thread-safe; one concurrent histogram per class.
 */
final class PriorityLatency {
    private final ConcurrentHashMap<Integer, Histogram> byClass = new ConcurrentHashMap<>();

    void record(ObservedTask<?> task) {
        if (task.isCancelled() || !task.started()) {
            return;
        }
        long latency = Math.max(0, System.nanoTime() - task.submitNanos());
        byClass.computeIfAbsent(task.traits().priority(), k -> {
            Histogram h = new ConcurrentHistogram(2);
            h.setAutoResize(true);
            return h;
        }).recordValue(latency);
    }

    /** Percentiles per class, classes in ascending order. */
    Map<Integer, Percentiles> summary() {
        Map<Integer, Percentiles> out = new TreeMap<>();
        byClass.forEach((k, h) -> out.put(k, Percentiles.of(h.copy())));
        return out;
    }
}

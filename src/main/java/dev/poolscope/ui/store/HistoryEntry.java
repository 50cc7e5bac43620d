package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.SamplePoint;

import java.time.Instant;
import java.util.List;

/**
 * One finished run in the history: its spec, the report's headline figures
 * (the report JSON without its long arrays) and a thinned sample series for
 * overlay charts. The full report and CSV live in files beside the index.
 *
 * @param id unique id, also the stem of the run's files
 * @param finishedAt when the run ended
 * @param spec the run's settings
 * @param summary the report JSON without {@code samples} and {@code workerDetails}
 * @param samples at most {@link HistoryStore#SAMPLES_KEPT} points, oldest first
 */
public record HistoryEntry(String id, Instant finishedAt, RunSpec spec, ObjectNode summary, List<SamplePoint> samples) {

    public HistoryEntry {
        samples = List.copyOf(samples);
    }

    /** {@code completed}, {@code stopped} or {@code failed}. */
    public String state() {
        return summary.path("state").asText("?");
    }

    public double wallSeconds() {
        return summary.path("wallSeconds").asDouble();
    }

    public double throughput() {
        return summary.path("throughputPerSecond").asDouble();
    }

    public double latencyMicros(String percentile) {
        return summary.path("latencyMicros").path(percentile).asDouble();
    }

    public double serviceMicros(String percentile) {
        return summary.path("serviceMicros").path(percentile).asDouble();
    }

    public double waitMicros(String percentile) {
        return summary.path("waitMicros").path(percentile).asDouble();
    }

    public double cpuUtilisation() {
        return summary.path("cpuUtilisation").asDouble();
    }

    /** A task count from the report's {@code tasks} object, e.g. {@code succeeded}. */
    public long tasks(String outcome) {
        JsonNode t = summary.path("tasks").path(outcome);
        return t.asLong();
    }

    /** The worker count, as {@code 2} or {@code 2 → 7} if the run was resized. */
    public String workersText() {
        int end = summary.path("finalWorkers").asInt(spec.workers());
        return end == spec.workers() ? Integer.toString(end) : spec.workers() + " → " + end;
    }

    /** A short label for legends, e.g. {@code #3 fixed x4 cpu}. */
    public String label() {
        return spec.pool() + " x" + spec.workers() + " " + spec.workload() + " (" + id.substring(Math.max(0, id.length() - 4)) + ")";
    }
}

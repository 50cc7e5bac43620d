package dev.poolscope.metrics;

import java.util.function.Consumer;

/**
 * A listener for a run's snapshots that also hears of the snapshots a
 * coalescing link between it and the sampler dropped (an engine host sends
 * only the latest snapshot when its parent reads slowly): before the next
 * snapshot it is given, in order, the {@link ChartSample} of each one dropped.
 * A plain {@code Consumer<MetricsSnapshot>} just misses them.
 */
public interface SnapshotListener extends Consumer<MetricsSnapshot> {
    /** A snapshot between the last one given and the next was dropped on the way; this is its chart's part. */
    void missed(ChartSample sample);
}

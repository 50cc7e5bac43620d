package dev.poolscope.metrics;

import java.util.List;

/**
 * A latency distribution as bars: bucket {@code i} counts values in
 * {@code (upperMicros[i-1], upperMicros[i]]}. Buckets grow geometrically.
 *
 * @param upperMicros upper bound of each bucket in microseconds
 * @param counts values in each bucket
 */
public record HistogramBuckets(List<Double> upperMicros, List<Long> counts) {

    /** No buckets. */
    public static final HistogramBuckets EMPTY = new HistogramBuckets(List.of(), List.of());

    public HistogramBuckets {
        upperMicros = List.copyOf(upperMicros);
        counts = List.copyOf(counts);
    }
}

package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;

/**
 * Summary of a latency distribution, in nanoseconds.
 *
 * @param count number of recorded values
 * @param mean mean value
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest value
 */
public record Percentiles(long count, double mean, long p50, long p90, long p99, long max) {

    /** No values. */
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);

    /** Summarises a histogram of nanosecond values. */
    public static Percentiles of(Histogram h) {
        long n = h.getTotalCount();
        if (n == 0) {
            return EMPTY;
        }
        return new Percentiles(n, h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    /** Converts a nanosecond figure to microseconds. */
    public static double micros(long nanos) {
        return nanos / 1_000.0;
    }
}

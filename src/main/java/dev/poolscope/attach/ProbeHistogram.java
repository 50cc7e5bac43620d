package dev.poolscope.attach;

import dev.poolscope.agent.boot.Buckets;
import dev.poolscope.metrics.Percentiles;

import java.util.Arrays;

/**
 * A cumulative histogram of nanosecond values read from the deep probe, in {@link Buckets}: immutable.
 * Percentiles read from it are the middles of their buckets (within 1/32 of the value).
 */
public final class ProbeHistogram {
    /** No values. */
    public static final ProbeHistogram EMPTY = new ProbeHistogram(new long[Buckets.COUNT + 1]);

    /** Index 0: the count; index {@code i > 0}: bucket {@code i - 1}. */
    private final long[] counts;

    private ProbeHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram over a copy of these counts (index 0 the total). */
    static ProbeHistogram of(long[] counts) {
        return new ProbeHistogram(counts.clone());
    }

    /** Parses the probe's text: {@code -}, or {@code index:count} pairs separated by commas. */
    static ProbeHistogram parse(String text) {
        if (text == null || text.isEmpty() || text.equals("-")) {
            return EMPTY;
        }
        long[] c = new long[Buckets.COUNT + 1];
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            int i = Integer.parseInt(pair.substring(0, colon));
            if (i >= 0 && i < c.length) {
                c[i] = Long.parseLong(pair.substring(colon + 1));
            }
        }
        return new ProbeHistogram(c);
    }

    /**
     * The non-empty buckets as two arrays: {@code [0]} each bucket's middle in nanoseconds, ascending, and
     * {@code [1]} its count.
     */
    public long[][] buckets() {
        int n = 0;
        for (int i = 1; i < counts.length; i++) {
            n += counts[i] > 0 ? 1 : 0;
        }
        long[][] out = new long[2][n];
        int k = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > 0) {
                out[0][k] = Buckets.middle(i - 1);
                out[1][k++] = counts[i];
            }
        }
        return out;
    }

    /** Values recorded. */
    public long count() {
        return counts[0];
    }

    /** The values recorded here and not in {@code earlier} (an earlier reading of the same histogram). */
    public ProbeHistogram minus(ProbeHistogram earlier) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(0, c[i] - earlier.counts[i]);
        }
        return new ProbeHistogram(c);
    }

    /** The summary, in nanoseconds. */
    public Percentiles percentiles() {
        long n = 0;
        double sum = 0;
        for (int i = 1; i < counts.length; i++) {
            n += counts[i];
            sum += (double) counts[i] * Buckets.middle(i - 1);
        }
        if (n == 0) {
            return Percentiles.EMPTY;
        }
        return new Percentiles(n, sum / n, at(n, 0.50), at(n, 0.90), at(n, 0.99), at(n, 1.0));
    }

    private long at(long n, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 1; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Buckets.middle(i - 1);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeHistogram h && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}

package dev.poolscope.agent.boot;

/**
 * Log-linear buckets for nanosecond values: 16 sub-buckets per power of two (a bucket's width is at most 1/16 of
 * its lower bound), covering 0 to {@code Long.MAX_VALUE} in {@link #COUNT} buckets.
 */
public final class Buckets {
    /** Sub-buckets per power of two, as a power of two. */
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    /** Buckets in one histogram. */
    public static final int COUNT = (64 - SUB_BITS) * SUB;

    private Buckets() {
    }

    /** The bucket holding {@code nanos} (negative values count as 0). */
    public static int index(long nanos) {
        if (nanos < SUB) {
            return nanos < 0 ? 0 : (int) nanos;
        }
        int exp = 63 - Long.numberOfLeadingZeros(nanos);
        int sub = (int) (nanos >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    /** The lower bound of bucket {@code index}. */
    public static long lowerBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        return (1L << exp) | (sub << (exp - SUB_BITS));
    }

    /** The middle of bucket {@code index}, the value a percentile read from it reports. */
    public static long middle(int index) {
        long low = lowerBound(index);
        long high = index + 1 < COUNT ? lowerBound(index + 1) : Long.MAX_VALUE;
        return low + (high - low) / 2;
    }
}

package dev.poolscope.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter alone on its cache line: 64 bytes of padding on both sides of the
 * value (superclass fields are laid out first, so the padding classes keep the
 * order). Thread-safe; any thread may add.
 *
 * <p>Why: a counter the submitting thread writes for every task must not share
 * a cache line with anything the worker threads touch per task. An unpadded
 * {@code LongAdder} next to the outcome counters made every submission and
 * every completion bounce one line between cores (false sharing); see
 * {@link PoolMetrics#taskSubmitted()}.
 */
final class PaddedCounter extends PaddedCounterRhs {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Adds one and returns the count before. */
    long getAndIncrement() {
        return (long) VALUE.getAndAdd(this, 1L);
    }

    /** The current count. */
    long get() {
        return (long) VALUE.getVolatile(this);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}

/** Padding before the value. */
abstract class PaddedCounterLhs {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

/** The value. */
abstract class PaddedCounterValue extends PaddedCounterLhs {
    volatile long value;
}

/** Padding after the value. */
abstract class PaddedCounterRhs extends PaddedCounterValue {
    long q01, q02, q03, q04, q05, q06, q07, q08;
}

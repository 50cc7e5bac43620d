package dev.poolscope.jfr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Sets a {@link TaskEvent}'s start and duration from the instants the pool's
 * recorder already took ({@link System#nanoTime()}), so that writing the event
 * reads no clock.
 *
 * <p>The Flight Recorder keeps an event's start and duration in two fields it
 * adds to every event class ({@code startTime}, {@code duration}), in its own
 * ticks, and {@code commit()} takes them as they are when both are set. On
 * HotSpot the ticks are {@code System.nanoTime()} less a constant unless
 * {@code -XX:+UseFastUnorderedTimeStamps} is given. This class finds both
 * fields and the constant once, when the event type is registered, and checks
 * over a millisecond that the ticks advance at the rate of nanoseconds; if any
 * of that fails (another JVM, another clock), {@link #exact()} is false and
 * events are written at their end with a zero duration (their {@code service}
 * field still holds the service time).
 */
final class TaskClock {
    private static final VarHandle START;
    private static final VarHandle DURATION;
    /** JFR ticks minus {@code System.nanoTime()}. */
    private static final long OFFSET;
    private static final boolean EXACT;

    static {
        VarHandle start = null;
        VarHandle duration = null;
        long offset = 0;
        boolean exact = false;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TaskEvent.class, MethodHandles.lookup());
            start = lookup.findVarHandle(TaskEvent.class, "startTime", long.class);
            duration = lookup.findVarHandle(TaskEvent.class, "duration", long.class);
            long[] first = offset(start);
            long spinUntil = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            long[] second = offset(start);
            // ticks at another rate would drift by a large part of the millisecond
            exact = first != null && second != null
                    && Math.abs(second[0] - first[0]) <= first[1] + second[1] + 20_000;
            offset = exact ? first[0] : 0;
        } catch (ReflectiveOperationException | RuntimeException notThisJvm) {
            exact = false;
        }
        START = start;
        DURATION = duration;
        OFFSET = offset;
        EXACT = exact;
    }

    private TaskClock() {
    }

    /**
     * {ticks - nanoTime, its uncertainty}, or null if {@code begin()} set no
     * start: the tightest of a few readings, so that a thread preempted
     * between two clock reads does not shift every event.
     */
    private static long[] offset(VarHandle start) {
        long[] best = null;
        TaskEvent probe = new TaskEvent();
        for (int i = 0; i < 16; i++) {
            long before = System.nanoTime();
            probe.begin();
            long after = System.nanoTime();
            long ticks = (long) start.get(probe);
            if (ticks == 0) {
                return null;
            }
            long uncertainty = (after - before) / 2 + 1;
            if (best == null || uncertainty < best[1]) {
                best = new long[] {ticks - (before + (after - before) / 2), uncertainty};
            }
        }
        return best;
    }

    /** True if events get their start and duration from the recorder's instants. */
    static boolean exact() {
        return EXACT;
    }

    /** Sets the event's span to start..end (nanoTime instants); does nothing unless {@link #exact()}. */
    static void span(TaskEvent e, long startNanos, long endNanos) {
        if (EXACT) {
            START.set(e, startNanos + OFFSET);
            // a zero duration would make commit() measure one up to now
            DURATION.set(e, Math.max(1L, endNanos - startNanos));
        }
    }
}

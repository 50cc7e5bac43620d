package dev.poolscope.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last {@link #CAPACITY} rejected or cancelled tasks of one pool, by task
 * number, for snapshots. Any number of threads may record at once; each record
 * is one counter increment and one single-word store (only rejections and
 * cancellations pay it, never a task that runs). A reader never blocks a
 * writer and never sees a half-written entry: each slot holds one packed word
 * (task number, outcome, and a tag of the entry's index), and the reader takes
 * an entry only if its slot's tag says it is that entry. An entry whose writer
 * has not stored it yet is left out of this read and seen by the next.
 */
final class CancelRejectRing {
    /** Entries kept. */
    static final int CAPACITY = 64;
    private static final int TAG_BITS = 20;
    private static final long TAG_MASK = (1L << TAG_BITS) - 1;
    private static final long ID_MASK = (1L << 42) - 1;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLongArray slots = new AtomicLongArray(CAPACITY);

    /** Records a task ended as {@link Outcome#REJECTED} or {@link Outcome#CANCELLED}; other outcomes are ignored. */
    void record(long taskId, Outcome outcome) {
        if (outcome != Outcome.REJECTED && outcome != Outcome.CANCELLED) {
            return;
        }
        long i = count.getAndIncrement();
        long packed = ((taskId & ID_MASK) << 22) | ((long) (outcome == Outcome.CANCELLED ? 1 : 0) << TAG_BITS) | tag(i);
        slots.setRelease((int) (i % CAPACITY), packed);
    }

    /** The tag of entry {@code i}: never 0 for the first entries, so an unwritten slot (0) never matches. */
    private static long tag(long i) {
        return (i + 1) & TAG_MASK;
    }

    /** Entries recorded so far (approximate while threads record). */
    long count() {
        return count.get();
    }

    /** Appends the entries still kept, oldest first. */
    void copyTo(List<CancelOrReject> out) {
        long c = count.get();
        for (long i = Math.max(0, c - CAPACITY); i < c; i++) {
            long v = slots.getAcquire((int) (i % CAPACITY));
            if ((v & TAG_MASK) != tag(i)) {
                continue; // not stored yet, or already overwritten by a later entry
            }
            Outcome o = ((v >>> TAG_BITS) & 1) == 1 ? Outcome.CANCELLED : Outcome.REJECTED;
            out.add(new CancelOrReject(v >>> 22, o));
        }
    }
}

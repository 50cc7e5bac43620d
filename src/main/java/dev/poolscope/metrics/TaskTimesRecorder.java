package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Records a task's wait, service and latency for one worker, with no atomic
 * instruction and no fence on the writer's side, and hands what was recorded
 * since the last harvest to HdrHistogram interval histograms.
 *
 * <p>Each of the three distributions is an array of monotonic bucket counts
 * laid out as an HdrHistogram with two significant digits and a lowest
 * discernible value of 1 lays out its own (256 exact values, then 128
 * sub-buckets per power of two), so a harvested histogram holds exactly what
 * recording the values into HdrHistogram would have held. The writer
 * increments a count with an opaque store (a plain store on x86 and ARM);
 * the harvester reads the counts with opaque loads and records the difference
 * from what it saw last time. Counts never go down and have one writer, so
 * every recorded value lands in exactly one interval; a value recorded while
 * a harvest runs lands in that interval or the next.
 *
 * <p>This replaces a {@code WriterReaderPhaser} flip, whose two atomic
 * increments per task (plus three {@code recordValue} calls that may each
 * CAS a new maximum) were the largest part of the per-task observation cost
 * on a no-op task (JFR, and about 45 ns per task on {@code forkjoin} with the
 * recording switched off, measured interleaved on the 2-core build machine).
 *
 * <p>Memory grows with the range of values seen: a page of 128 counts per
 * power of two, allocated by the writer the first time a value falls in it
 * (about 15 KB per distribution for tasks between a microsecond and ten
 * seconds), and the same again for the harvester's copy.
 *
 * <p>One writer at a time (the worker's own thread); callers that may write
 * from several threads must serialise their calls, and the lock they use then
 * orders their stores. Any thread may harvest; harvests are serialised.
 */
final class TaskTimesRecorder {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PAGE = MethodHandles.arrayElementVarHandle(long[][].class);

    /** Exact values below this; HdrHistogram's sub-bucket count for two significant digits. */
    private static final int EXACT = 256;
    private static final int HALF = EXACT / 2;
    /** Page 0 holds 0..255; page k (1..55) holds [2^(k+7), 2^(k+8)) in 128 steps of 2^k. */
    private static final int PAGES = 1 + (63 - 8);

    private final Counts wait = new Counts();
    private final Counts service = new Counts();
    private final Counts latency = new Counts();

    /** Records one task's three durations, in nanoseconds (negative values count as 0). */
    void record(long wait, long service, long latency) {
        this.wait.add(wait);
        this.service.add(service);
        this.latency.add(latency);
    }

    /** Adds everything recorded since the last harvest to the given histograms. */
    synchronized void harvest(Histogram wait, Histogram service, Histogram latency) {
        this.wait.harvest(wait);
        this.service.harvest(service);
        this.latency.harvest(latency);
    }

    /** The page of a value (0 for values below 256). */
    static int page(long v) {
        return v < EXACT ? 0 : 63 - Long.numberOfLeadingZeros(v) - 7;
    }

    /** The slot of a value within its page. */
    static int slot(long v, int page) {
        return page == 0 ? (int) v : (int) (v >>> page) - HALF;
    }

    /** The lowest value of a slot: what the harvester records for each count in it. */
    static long lowest(int page, int slot) {
        return page == 0 ? slot : (long) (slot + HALF) << page;
    }

    /** One distribution: pages of counts written by one thread, and the harvester's last view of them. */
    private static final class Counts {
        private final long[][] pages = new long[PAGES][];
        private final long[][] seen = new long[PAGES][];

        void add(long v) {
            long value = Math.max(0, v);
            int p = page(value);
            long[] counts = (long[]) PAGE.getOpaque(pages, p);
            if (counts == null) {
                counts = new long[p == 0 ? EXACT : HALF];
                PAGE.setRelease(pages, p, counts); // the harvester sees a zeroed array, never a half-built one
            }
            int s = slot(value, p);
            COUNT.setOpaque(counts, s, (long) COUNT.getOpaque(counts, s) + 1);
        }

        void harvest(Histogram into) {
            for (int p = 0; p < PAGES; p++) {
                long[] counts = (long[]) PAGE.getAcquire(pages, p);
                if (counts == null) {
                    continue;
                }
                long[] last = seen[p];
                if (last == null) {
                    last = new long[counts.length];
                    seen[p] = last;
                }
                for (int s = 0; s < counts.length; s++) {
                    long c = (long) COUNT.getOpaque(counts, s);
                    long d = c - last[s];
                    if (d > 0) {
                        into.recordValueWithCount(lowest(p, s), d);
                        last[s] = c;
                    }
                }
            }
        }
    }
}

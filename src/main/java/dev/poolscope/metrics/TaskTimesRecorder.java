package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records a task's wait, service and latency into three interval histograms
 * in one writer critical section, the way HdrHistogram's
 * {@code SingleWriterRecorder} does for one: the writer never blocks, and
 * {@link #harvest} flips the active and inactive sets.
 *
 * <p>One writer at a time (the worker's own thread); callers that may write
 * from several threads must serialise their calls. Any thread may harvest.
 */
final class TaskTimesRecorder {
    private static final class Set {
        final Histogram wait = newHistogram();
        final Histogram service = newHistogram();
        final Histogram latency = newHistogram();

        void reset() {
            wait.reset();
            service.reset();
            latency.reset();
        }
    }

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Set active = new Set();
    private Set inactive = new Set();

    private static Histogram newHistogram() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    /** Records one task's three durations, in nanoseconds (negative values count as 0). */
    void record(long wait, long service, long latency) {
        long e = phaser.writerCriticalSectionEnter();
        try {
            Set s = active;
            s.wait.recordValue(Math.max(0, wait));
            s.service.recordValue(Math.max(0, service));
            s.latency.recordValue(Math.max(0, latency));
        } finally {
            phaser.writerCriticalSectionExit(e);
        }
    }

    /** Adds everything recorded since the last harvest to the given histograms and starts a new interval. */
    void harvest(Histogram wait, Histogram service, Histogram latency) {
        phaser.readerLock();
        try {
            Set fresh = inactive;
            fresh.reset();
            Set old = active;
            active = fresh;
            phaser.flipPhase();
            inactive = old;
            wait.add(old.wait);
            service.add(old.service);
            latency.add(old.latency);
        } finally {
            phaser.readerUnlock();
        }
    }
}

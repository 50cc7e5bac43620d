package dev.poolscope.metrics;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The chart samples of snapshots a coalescing hand-off replaced before they
 * were passed on, oldest first, until the next hand-off takes them: at most
 * {@value #MAX} (about 7 minutes of 100 ms samples); beyond that the oldest
 * go. Not thread-safe: its owner guards it with the lock that guards the
 * snapshot it coalesces, so a replaced snapshot's sample and its successor
 * always travel in order.
 */
public final class MissedSamples {
    /** The most samples kept. */
    public static final int MAX = 4096;
    private final ArrayDeque<ChartSample> samples = new ArrayDeque<>();

    /** Keeps the sample of a snapshot that was replaced before it was passed on. */
    public void add(ChartSample sample) {
        if (samples.size() == MAX) {
            samples.pollFirst();
        }
        samples.addLast(sample);
    }

    /** Removes and returns the samples kept, oldest first. */
    public List<ChartSample> drain() {
        List<ChartSample> out = List.copyOf(samples);
        samples.clear();
        return out;
    }

    /** Forgets the samples kept. */
    public void clear() {
        samples.clear();
    }
}

package dev.poolscope.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded series of sample points that keeps the whole run in view: when it
 * is full it merges each pair of neighbouring points into one (see
 * {@link SamplePoint#merge}) and from then on merges two samples into each
 * point (then four, and so on). No sample is dropped, only merged, so the
 * points' {@code ran} figures always add up to every sample's. The newest
 * sample is always included. Thread-safe.
 */
public final class SampleSeries {
    private final int capacity;
    private final List<SamplePoint> points = new ArrayList<>();
    private int stride = 1;
    private int sinceKept;
    /** Samples offered since the last kept point, merged; shown as the newest point. */
    private SamplePoint pending;

    /** A series holding at most {@code capacity} points (at least 16). */
    public SampleSeries(int capacity) {
        this.capacity = Math.max(16, capacity);
    }

    /** Offers the next sample; it becomes a point of its own or is merged with its neighbours. */
    public synchronized void add(SamplePoint p) {
        pending = pending == null ? p : SamplePoint.merge(pending, p);
        if (++sinceKept >= stride) {
            keep();
        }
    }

    /** Adds the final sample of a run as a point of its own (merged with any samples not yet kept). */
    public synchronized void addLast(SamplePoint p) {
        pending = pending == null ? p : SamplePoint.merge(pending, p);
        keep();
    }

    private void keep() {
        points.add(pending);
        pending = null;
        sinceKept = 0;
        if (points.size() >= capacity) {
            List<SamplePoint> half = new ArrayList<>(capacity / 2 + 1);
            for (int i = 0; i < points.size(); i += 2) {
                half.add(i + 1 < points.size() ? SamplePoint.merge(points.get(i), points.get(i + 1)) : points.get(i));
            }
            points.clear();
            points.addAll(half);
            stride *= 2;
        }
    }

    /** A copy of the points, oldest first. */
    public synchronized List<SamplePoint> points() {
        if (pending != null) {
            List<SamplePoint> copy = new ArrayList<>(points);
            copy.add(pending);
            return List.copyOf(copy);
        }
        return List.copyOf(points);
    }
}
